package org.nncheck.cases;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nncheck.core.Tensor;

/**
 * Reads case files (SPEC.md section 2): {@code .json} files with one case, {@code .jsonl}
 * files with one case per line, and folders of them (recursively). A malformed case never
 * stops the others: each one becomes a {@link Parsed.Malformed} with its file, line and JSON
 * path.
 */
public final class CaseReader {
    /** The only format string this reader accepts. */
    public static final String FORMAT = "nncheck.case/1";

    private CaseReader() {
    }

    /** A case, or the reason it could not be read. */
    public sealed interface Parsed {
        Path file();

        int line();

        /** A well-formed case. */
        record Ok(Case value) implements Parsed {
            @Override
            public Path file() {
                return value.file();
            }

            @Override
            public int line() {
                return value.line();
            }
        }

        /** A case that could not be read. */
        record Malformed(Path file, int line, String id, CaseFormatException error) implements Parsed {
            /** "file:line: path: problem". */
            public String message() {
                return file + ":" + error.getMessage();
            }
        }
    }

    /** Case files under the given paths (files as given; folders recursively, *.json and *.jsonl, sorted). */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                // symbolic links are followed (a loop is an error); Allure result folders (what --report writes) are skipped
                try (Stream<Path> s = Files.walk(p, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".jsonl"))
                            .filter(f -> !p.relativize(f).toString().contains("allure-results"))
                            .sorted().forEach(out::add);
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Every case in one file. */
    public static List<Parsed> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1); // a UTF-8 byte-order mark (RFC 8259 section 8.1 allows ignoring it)
            }
        } catch (MalformedInputException e) {
            return List.of(new Parsed.Malformed(file, 1, null, new CaseFormatException(1, "$", "the file is not UTF-8 text")));
        } catch (IOException e) {
            return List.of(new Parsed.Malformed(file, 1, null, new CaseFormatException(1, "$", "cannot read the file: " + e)));
        }
        List<Parsed> out = new ArrayList<>();
        if (file.toString().endsWith(".jsonl")) {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                out.add(parseCase(file, lines[i], i + 1));
            }
            if (out.isEmpty()) {
                out.add(new Parsed.Malformed(file, 1, null, new CaseFormatException(1, "$", "the JSON Lines file holds no case")));
            }
        } else {
            out.add(parseCase(file, text, 1));
        }
        return out;
    }

    /** Parses one case from text starting at {@code line} of {@code file}. */
    public static Parsed parseCase(Path file, String text, int line) {
        Json root;
        try {
            root = JsonReader.parse(text, line);
        } catch (CaseFormatException e) {
            return new Parsed.Malformed(file, e.line(), file.toString().endsWith(".jsonl") ? file.getFileName() + "#" + line : null, e);
        }
        String id = file.toString().endsWith(".jsonl") ? file.getFileName() + "#" + line : null;
        if (root instanceof Json.JObject o && o.get("id") instanceof Json.JString s) {
            id = s.value();
        }
        try {
            return new Parsed.Ok(toCase(file, root, line));
        } catch (CaseFormatException e) {
            return new Parsed.Malformed(file, e.line(), id, e);
        }
    }

    private static Case toCase(Path file, Json root, int line) throws CaseFormatException {
        if (!(root instanceof Json.JObject o)) {
            throw CaseFormatException.at(root, "a case must be a JSON object, got " + root.kind());
        }
        Map<String, Json> locations = new LinkedHashMap<>();
        Json format = o.get("format");
        if (format != null && !(format instanceof Json.JString fs && fs.value().equals(FORMAT))) {
            throw CaseFormatException.at(format, "unsupported format: got " + format.kind() + ", expected \"" + FORMAT + "\"");
        }
        String id = optionalString(o, "id");
        if (id == null || id.isBlank()) {
            id = file.getFileName() + (file.toString().endsWith(".jsonl") ? "#" + line : "");
        }
        Json comp = required(o, "component");
        if (!(comp instanceof Json.JString cs) || cs.value().isBlank()) {
            throw CaseFormatException.at(comp, "'component' must be a non-empty string, got " + comp.kind());
        }
        locations.put("component", comp);
        Dtype dtype = Dtype.FLOAT64;
        Json dt = o.get("dtype");
        if (dt != null) {
            if (!(dt instanceof Json.JString ds)) {
                throw CaseFormatException.at(dt, "'dtype' must be a string, got " + dt.kind());
            }
            try {
                dtype = Dtype.parse(ds.value());
            } catch (IllegalArgumentException e) {
                throw CaseFormatException.at(dt, "unknown dtype \"" + ds.value() + "\": expected one of float64, float32, float16, bfloat16");
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Json pj = o.get("params");
        if (pj != null && !(pj instanceof Json.JNull)) {
            if (!(pj instanceof Json.JObject po)) {
                throw CaseFormatException.at(pj, "'params' must be an object, got " + pj.kind());
            }
            locations.put("params", pj);
            for (Map.Entry<String, Json> e : po.members().entrySet()) {
                params.put(e.getKey(), Json.toPlain(e.getValue()));
                locations.put("params." + e.getKey(), e.getValue());
            }
        }
        Map<String, Tensor> inputs = tensors(required(o, "inputs"), "inputs", locations);
        Json ej = required(o, "expected");
        Map<String, Tensor> expected = tensors(ej, "expected", locations);
        Optional<Tolerance> tolerance = Optional.empty();
        Json tj = o.get("tolerance");
        if (tj != null && !(tj instanceof Json.JNull)) {
            tolerance = Optional.of(tolerance(tj));
        }
        for (String k : o.members().keySet()) {
            if (!k.startsWith("_") && !List.of("format", "id", "component", "params", "dtype", "inputs", "expected", "tolerance")
                    .contains(k)) {
                throw CaseFormatException.at(o.get(k), "unknown field '" + k
                        + "' (a case has format, id, component, params, dtype, inputs, expected, tolerance; fields starting with _ are comments)");
            }
        }
        return new Case(file, root.line(), id, cs.value(), dtype, params, locations, inputs, expected, tolerance);
    }

    private static Tolerance tolerance(Json tj) throws CaseFormatException {
        if (!(tj instanceof Json.JObject to)) {
            throw CaseFormatException.at(tj, "'tolerance' must be an object {\"rtol\": ..., \"atol\": ...}, got " + tj.kind());
        }
        for (String k : to.members().keySet()) {
            if (!k.equals("rtol") && !k.equals("atol")) {
                throw CaseFormatException.at(to.get(k), "unknown tolerance field '" + k + "' (rtol, atol)");
            }
        }
        double[] v = new double[2];
        String[] names = {"rtol", "atol"};
        for (int i = 0; i < 2; i++) {
            Json x = to.get(names[i]);
            if (x == null) {
                v[i] = 0;
                continue;
            }
            if (!(x instanceof Json.JNumber n) || !(n.value() >= 0) || Double.isInfinite(n.value())) {
                throw CaseFormatException.at(x, "tolerance " + names[i] + " must be a finite number >= 0, got " + x.kind());
            }
            v[i] = n.value();
        }
        return new Tolerance(v[0], v[1]);
    }

    private static Map<String, Tensor> tensors(Json j, String field, Map<String, Json> locations) throws CaseFormatException {
        locations.put(field, j);
        if (!(j instanceof Json.JObject o)) {
            throw CaseFormatException.at(j, "'" + field + "' must be an object of named tensors, got " + j.kind());
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Json> e : o.members().entrySet()) {
            out.put(e.getKey(), TensorJson.read(e.getValue()));
            locations.put(field + "." + e.getKey(), e.getValue());
        }
        return out;
    }

    private static Json required(Json.JObject o, String name) throws CaseFormatException {
        Json j = o.get(name);
        if (j == null) {
            throw CaseFormatException.at(o, "missing field '" + name + "'");
        }
        return j;
    }

    private static String optionalString(Json.JObject o, String name) throws CaseFormatException {
        Json j = o.get(name);
        if (j == null || j instanceof Json.JNull) {
            return null;
        }
        if (!(j instanceof Json.JString s)) {
            throw CaseFormatException.at(j, "'" + name + "' must be a string, got " + j.kind());
        }
        return s.value();
    }
}
