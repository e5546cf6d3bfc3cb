package org.nncheck.outcome;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which cases are expected to be rejected (docs/SPEC-EXTENSIONS.md, "Cases expected to fail"):
 * a case whose top-level {@code _bug} field is a non-empty string (it names the injected bug), or
 * any case in a file under a folder named {@code fail} below the folder given to
 * {@code report --cases}. Every other case is expected to pass.
 */
public final class CaseExpectations {

    /** What a case file says about one case: its line, its id (if any), its {@code _bug} (if any). */
    private record Marked(int line, String id, String bug) {
    }

    private final Path root;
    private final Map<Path, List<Marked>> byFile = new HashMap<>();

    /** @param root the folder given by the user; {@code fail/} below it marks expected rejections */
    public CaseExpectations(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The reason the case is expected to be rejected (its {@code _bug}, or {@code "in fail/"}), or
     * empty when it is expected to pass.
     */
    public Optional<String> expectedRejection(Path file, int line, String id) {
        Optional<String> bug = bug(file, line, id);
        if (bug.isPresent()) {
            return bug;
        }
        Path rel = root.relativize(file.toAbsolutePath().normalize());
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            if (rel.getName(i).toString().equals("fail")) {
                return Optional.of("in " + root.getFileName() + "/" + rel.subpath(0, i + 1) + "/");
            }
        }
        return Optional.empty();
    }

    private Optional<String> bug(Path file, int line, String id) {
        List<Marked> marks = byFile.computeIfAbsent(file, CaseExpectations::scan);
        Marked m = null;
        for (Marked k : marks) {
            if (id != null && id.equals(k.id())) {
                m = k;
                break;
            }
        }
        if (m == null) {
            m = marks.stream().filter(k -> k.line() == line).findFirst().orElse(marks.size() == 1 ? marks.get(0) : null);
        }
        return m == null || m.bug() == null || m.bug().isBlank() ? Optional.empty() : Optional.of(m.bug());
    }

    /**
     * The top-level {@code id} and {@code _bug} of every root object of a file (one for
     * {@code .json}, one per line for {@code .jsonl}), read with Jackson's streaming parser; other
     * fields are skipped unread. A file that cannot be parsed has no marks (verify reports it).
     */
    private static List<Marked> scan(Path file) {
        List<Marked> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                int line = p.currentTokenLocation().getLineNr();
                String id = null;
                String bug = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.VALUE_STRING && name.equals("id")) {
                        id = p.getText();
                    } else if (v == JsonToken.VALUE_STRING && name.equals("_bug")) {
                        bug = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
                out.add(new Marked(line, id, bug));
            }
        } catch (IOException | RuntimeException e) {
            // the case reader reports the problem with file and line; what was read so far stands
        }
        return out;
    }
}
