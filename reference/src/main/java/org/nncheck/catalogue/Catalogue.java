package org.nncheck.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.nncheck.core.ContractException;

/**
 * The one catalogue of components that every check iterates: SPEC.md section 1 (docs/SPEC.md),
 * entry by entry. The entries come from every {@link EntryProvider} on the class path
 * ({@link ServiceLoader}; the reference module lists its nine families in
 * {@code META-INF/services/org.nncheck.catalogue.EntryProvider}), so this package imports no
 * family; they are ordered by {@link Family} (SPEC order), then as each provider lists them.
 *
 * <p>One SPEC id is used twice: {@code constant} is both a learning-rate schedule (input
 * {@code steps}) and an initializer (input {@code w}). {@link #resolve(String, Set)} picks the
 * entry by the inputs a case gives; {@code constant_schedule} and {@code constant_init} are
 * unambiguous aliases (a documented extension of the SPEC, see docs/SPEC-EXTENSIONS.md).
 */
public final class Catalogue {

    private static final List<Entry> ENTRIES = load();

    private static List<Entry> load() {
        List<Entry> all = new ArrayList<>();
        for (EntryProvider p : ServiceLoader.load(EntryProvider.class, Catalogue.class.getClassLoader())) {
            all.addAll(p.entries());
        }
        all.sort(Comparator.comparing(Entry::family));
        Set<String> seen = new java.util.HashSet<>();
        for (Entry e : all) {
            if (!seen.add(key(e.family(), e.id()))) {
                throw new IllegalStateException("duplicate catalogue entry " + key(e.family(), e.id()));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no catalogue entries: META-INF/services/" + EntryProvider.class.getName()
                    + " is missing from the class path");
        }
        return List.copyOf(all);
    }

    private Catalogue() {
    }

    /** Family-qualified key, e.g. {@code schedule/constant}. */
    public static String key(Family family, String id) {
        return family.name().toLowerCase(java.util.Locale.ROOT) + "/" + id;
    }

    /** Every built entry, in SPEC order of families. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** Built entries of one family. */
    public static List<Entry> entries(Family family) {
        return ENTRIES.stream().filter(e -> e.family() == family).toList();
    }

    /** Every id of the catalogue, each once ({@code constant} is two entries). */
    public static List<String> ids() {
        return ENTRIES.stream().map(Entry::id).distinct().toList();
    }

    private record Alias(String id, Family family) {
    }

    private static Alias unalias(String id) {
        return switch (id) {
            case "constant_schedule" -> new Alias("constant", Family.SCHEDULE);
            case "constant_init" -> new Alias("constant", Family.INITIALIZER);
            default -> new Alias(id, null);
        };
    }

    /** The built entries with this id (two for {@code constant}, none when not built). */
    public static List<Entry> find(String id) {
        Alias a = unalias(id);
        return ENTRIES.stream().filter(e -> e.id().equals(a.id) && (a.family == null || e.family() == a.family)).toList();
    }

    /** The single entry of an id that is not ambiguous, if built. */
    public static Optional<Entry> get(String id) {
        List<Entry> l = find(id);
        return l.size() == 1 ? Optional.of(l.get(0)) : Optional.empty();
    }

    /**
     * The entry a case means, chosen by id and, for the ambiguous {@code constant}, by which
     * inputs the case gives.
     *
     * @throws ContractException for an unknown id,
     *     or an ambiguity the inputs do not settle
     */
    public static Entry resolve(String id, Set<String> inputNames) {
        List<Entry> found = find(id);
        if (found.isEmpty()) {
            throw new ContractException("unknown component '" + id + "'" + suggestion(id));
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        List<Entry> fitting = found.stream()
                .filter(e -> e.inputs().stream().filter(t -> !t.optional()).allMatch(t -> inputNames.contains(t.name())))
                .toList();
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        throw new ContractException("component '" + id + "' is ambiguous (" + found.stream().map(e -> e.family().title()).toList()
                + "); give its inputs or use " + id + "_schedule / " + id + "_init");
    }

    private static String suggestion(String id) {
        String lower = id.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        for (String s : ids()) {
            if (s.equals(lower) || s.replace("_", "").equals(lower.replace("_", ""))) {
                return " (did you mean '" + s + "'?)";
            }
        }
        return "";
    }
}
