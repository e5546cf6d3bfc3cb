package org.nncheck.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nncheck.core.ParamSpec;

/**
 * Every component id is stated once (issue 8): its class holds {@code static final String ID}
 * and both its {@code id()} and its catalogue entry use that constant. Checked on the reference
 * module's main sources (comments removed): an id's string literal appears at most once per
 * catalogue entry of that id ({@code constant} has two entries, a schedule and an
 * initializer). An id that is also a parameter name or a choice value of some entry
 * ({@code momentum}, {@code tanh}, {@code constant}) has a second role a source scan cannot
 * tell apart, so its literal is not counted; its {@code id()} is still compared below.
 */
class CatalogueIdsTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)^\\s*//.*$");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z0-9_]+)\"");

    @Test
    void everyIdLiteralAppearsOncePerEntry() throws IOException {
        Map<String, Integer> entriesPerId = new HashMap<>();
        Set<String> otherRoles = new HashSet<>();
        for (Entry e : Catalogue.entries()) {
            entriesPerId.merge(e.id(), 1, Integer::sum);
            for (ParamSpec p : e.params()) {
                otherRoles.add(p.name());
                otherRoles.addAll(p.choices());
            }
        }
        Map<String, List<String>> where = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 100, "main sources found in " + SOURCES.toAbsolutePath());
        for (Path f : files) {
            String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(Files.readString(f)).replaceAll("")).replaceAll("");
            Matcher m = LITERAL.matcher(code);
            while (m.find()) {
                if (entriesPerId.containsKey(m.group(1)) && !otherRoles.contains(m.group(1))) {
                    where.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(SOURCES.relativize(f).toString());
                }
            }
        }
        assertTrue(where.containsKey("sigmoid"), "the scan sees the id literals (sigmoid's ID constant): " + where.keySet());
        List<String> repeated = new ArrayList<>();
        where.forEach((id, files2) -> {
            if (files2.size() > entriesPerId.get(id)) {
                repeated.add("\"" + id + "\" in " + files2);
            }
        });
        assertTrue(repeated.isEmpty(), "id literals stated more than once (use the component's ID constant): " + repeated);
    }

    @Test
    void everyReferenceReportsItsEntrysId() {
        // alternatives may be another component (momentum's "nesterov look-ahead applied"): not compared
        for (Entry e : Catalogue.entries()) {
            assertEquals(e.id(), e.newReference().id(), Catalogue.key(e.family(), e.id()) + ": the reference's id()");
        }
    }
}
