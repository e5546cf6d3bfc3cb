package org.nncheck.catalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nncheck.core.ContractException;
import org.nncheck.reference.activation.ActivationEntries;
import org.nncheck.reference.augment.AugmentationEntries;
import org.nncheck.reference.init.InitializerEntries;
import org.nncheck.reference.layer.LayerEntries;
import org.nncheck.reference.loss.LossEntries;
import org.nncheck.reference.optim.OptimizerEntries;
import org.nncheck.reference.preprocess.PreprocessingEntries;
import org.nncheck.reference.regularizer.RegularizerEntries;
import org.nncheck.reference.schedule.ScheduleEntries;

/**
 * The one catalogue of components that every check iterates: SPEC.md section 1, id by id.
 *
 * <p>{@link #SPEC_IDS} lists every id the SPEC names, so that a case for a component that is
 * specified but not built yet gets "not yet in the catalogue" rather than "unknown component".
 *
 * <p>One SPEC id is used twice: {@code constant} is both a learning-rate schedule (input
 * {@code steps}) and an initializer (input {@code w}). {@link #resolve(String, Set)} picks the
 * entry by the inputs a case gives; {@code constant_schedule} and {@code constant_init} are
 * unambiguous aliases (a documented extension of the SPEC, see docs/SPEC-EXTENSIONS.md).
 */
public final class Catalogue {

    /** Every SPEC id by family, in SPEC order. */
    public static final Map<Family, List<String>> SPEC_IDS;

    static {
        Map<Family, List<String>> m = new LinkedHashMap<>();
        m.put(Family.ACTIVATION, List.of("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "selu", "gelu",
                "softmax", "log_softmax", "maxout"));
        m.put(Family.LOSS, List.of("softmax_cross_entropy", "nll", "multiclass_hinge", "mse",
                "binary_cross_entropy_with_logits", "binary_cross_entropy", "kl_divergence"));
        m.put(Family.REGULARIZER, List.of("l2", "l1", "elastic_net", "max_norm"));
        m.put(Family.LAYER, List.of("affine", "conv2d", "max_pool2d", "avg_pool2d", "batch_norm", "layer_norm",
                "instance_norm", "group_norm", "dropout", "dropconnect"));
        m.put(Family.OPTIMIZER, List.of("sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"));
        m.put(Family.SCHEDULE, List.of("constant", "step", "multistep", "exponential", "inverse", "one_over_t",
                "warmup", "cyclic_triangular", "cosine"));
        m.put(Family.INITIALIZER, List.of("zeros", "constant", "normal", "uniform", "xavier_normal", "xavier_uniform",
                "lecun_normal", "he_normal", "he_uniform"));
        m.put(Family.PREPROCESSING, List.of("mean_subtraction", "standardize", "min_max", "pca", "pca_whiten",
                "zca_whiten", "gcn"));
        m.put(Family.AUGMENTATION, List.of("hflip", "vflip", "crop", "translate", "rotate", "resize",
                "gaussian_noise", "brightness", "contrast"));
        SPEC_IDS = Collections.unmodifiableMap(m);
    }

    private static final List<Entry> ENTRIES;

    static {
        List<Entry> all = new ArrayList<>();
        all.addAll(ActivationEntries.entries());
        all.addAll(LossEntries.entries());
        all.addAll(RegularizerEntries.entries());
        all.addAll(LayerEntries.entries());
        all.addAll(OptimizerEntries.entries());
        all.addAll(ScheduleEntries.entries());
        all.addAll(InitializerEntries.entries());
        all.addAll(PreprocessingEntries.entries());
        all.addAll(AugmentationEntries.entries());
        Set<String> seen = new java.util.HashSet<>();
        for (Entry e : all) {
            if (!seen.add(key(e.family(), e.id()))) {
                throw new IllegalStateException("duplicate catalogue entry " + key(e.family(), e.id()));
            }
            if (!SPEC_IDS.getOrDefault(e.family(), List.of()).contains(e.id())) {
                throw new IllegalStateException("catalogue entry " + key(e.family(), e.id()) + " is not a SPEC id");
            }
        }
        ENTRIES = List.copyOf(all);
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

    /** Whether the SPEC names this id (built or not). */
    public static boolean isSpecId(String id) {
        String base = unalias(id).id;
        return SPEC_IDS.values().stream().anyMatch(l -> l.contains(base));
    }

    /** All SPEC ids, each once. */
    public static List<String> allSpecIds() {
        return SPEC_IDS.values().stream().flatMap(List::stream).distinct().toList();
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
     * @throws ContractException for an unknown id, an id that is specified but not built yet,
     *     or an ambiguity the inputs do not settle
     */
    public static Entry resolve(String id, Set<String> inputNames) {
        List<Entry> found = find(id);
        if (found.isEmpty()) {
            if (isSpecId(id)) {
                throw new ContractException("component '" + id + "' is in the SPEC but not yet in the catalogue (not built yet)");
            }
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
        for (String s : allSpecIds()) {
            if (s.equals(lower) || s.replace("_", "").equals(lower.replace("_", ""))) {
                return " (did you mean '" + s + "'?)";
            }
        }
        return "";
    }
}
