package org.nncheck.cases;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.nncheck.core.Tensor;

/**
 * Reads case files (SPEC.md section 2): {@code .json} files with one case, {@code .jsonl}
 * files with one case per line, and folders of them ({@link CaseFiles}). Tensors are parsed
 * straight from Jackson's streaming parser into {@code double[]} ({@link TensorParser}); a
 * JSON Lines file is read line by line, each line on its own (a bad line, even one that is not
 * UTF-8, spoils only itself). A malformed case never stops the others: each one becomes a
 * {@link Parsed.Malformed} with its file, line and JSON path; a case too large for the heap is
 * one of them.
 */
public final class CaseReader {
    /** The only format string this reader accepts. */
    public static final String FORMAT = "nncheck.case/1";
    private static final List<String> FIELDS = List.of("format", "id", "component", "params", "dtype", "inputs", "expected", "tolerance");

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

    /**
     * Case files under the given paths (files as given; folders recursively, *.json and *.jsonl,
     * sorted).
     *
     * @throws IOException for the first path that cannot be listed or is not a regular file
     *     ({@link CaseFiles#list} reports them all instead)
     */
    public static List<Path> files(List<Path> paths) throws IOException {
        CaseFiles listing = CaseFiles.list(paths);
        if (!listing.problems().isEmpty()) {
            CaseFiles.Problem first = listing.problems().get(0);
            throw new IOException(first.path() + ": " + first.problem());
        }
        return listing.files();
    }

    /** Every case in one file, in order. */
    public static List<Parsed> read(Path file) {
        List<Parsed> out = new ArrayList<>();
        read(file, out::add);
        return out;
    }

    /**
     * Streams the cases of one file to {@code sink}, in order, one at a time: a {@code .jsonl}
     * file never needs more memory than its largest line.
     */
    public static void read(Path file, Consumer<Parsed> sink) {
        boolean lines = file.toString().endsWith(".jsonl");
        try (InputStream in = Files.newInputStream(file)) {
            if (lines) {
                readLines(file, in, sink);
            } else {
                sink.accept(readOne(file, in, Files.size(file)));
            }
        } catch (IOException e) {
            sink.accept(new Parsed.Malformed(file, 1, null, new CaseFormatException(1, "$", "cannot read the file: "
                    + e.getClass().getSimpleName() + " " + e.getMessage())));
        }
    }

    private static Parsed readOne(Path file, InputStream in, long size) throws IOException {
        byte[] head = in.readNBytes(4);
        String encoding = notUtf8(head, head.length);
        if (encoding != null) {
            return new Parsed.Malformed(file, 1, null, new CaseFormatException(1, "$", "the file is not UTF-8 text (" + encoding + ")"));
        }
        InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), in);
        try (JsonParser p = JsonReader.FACTORY.createParser(all)) {
            return parse(file, p, 1, size / 2 + 1);
        }
    }

    /** Reads a JSON Lines file line by line; every non-blank line is one case. */
    private static void readLines(Path file, InputStream in, Consumer<Parsed> sink) throws IOException {
        LineReader lines = new LineReader(in);
        boolean any = false;
        for (int lineNo = 1; lines.next(); lineNo++) {
            byte[] b = lines.bytes();
            int len = lines.length();
            int start = lineNo == 1 && len >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
            if (lines.tooLong()) {
                any = true;
                sink.accept(new Parsed.Malformed(file, lineNo, file.getFileName() + "#" + lineNo, new CaseFormatException(lineNo, "$",
                        "the line is longer than this JVM's memory can hold; raise -Xmx through NNCHECK_JAVA_OPTS")));
                continue;
            }
            if (blank(b, start, len)) {
                continue;
            }
            any = true;
            String encoding = notUtf8(java.util.Arrays.copyOfRange(b, start, Math.min(len, start + 4)), Math.min(len - start, 4));
            if (encoding != null) {
                sink.accept(new Parsed.Malformed(file, lineNo, file.getFileName() + "#" + lineNo,
                        new CaseFormatException(lineNo, "$", "the line is not UTF-8 text (" + encoding + ")")));
                continue;
            }
            try (JsonParser p = JsonReader.FACTORY.createParser(b, start, len - start)) {
                sink.accept(parse(file, p, lineNo, (len - start) / 2 + 1));
            }
        }
        if (!any) {
            sink.accept(new Parsed.Malformed(file, 1, null, new CaseFormatException(1, "$", "the JSON Lines file holds no case")));
        }
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * A name for the encoding when the first bytes say the text is UTF-16 or UTF-32 (byte-order
     * marks, or a zero byte where JSON's first ASCII character would be; RFC 8259 section 8.1
     * requires UTF-8), else null.
     */
    private static String notUtf8(byte[] b, int n) {
        if (n >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return "it starts with a UTF-16 byte-order mark";
        }
        if (n >= 2 && (b[0] == 0 || b[1] == 0)) {
            return "it looks like UTF-16 or UTF-32";
        }
        return null;
    }

    /** Parses one case from text starting at {@code line} of {@code file}. */
    public static Parsed parseCase(Path file, String text, int line) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = JsonReader.FACTORY.createParser(b)) {
            return parse(file, p, line, b.length / 2 + 1);
        } catch (IOException e) {
            return new Parsed.Malformed(file, line, null, new CaseFormatException(line, "$", "cannot read JSON: " + e.getMessage()));
        }
    }

    /** Parses the one case the parser holds; never throws for bad input (also not for too little memory). */
    private static Parsed parse(Path file, JsonParser p, int firstLine, long maxElements) {
        String defaultId = file.toString().endsWith(".jsonl") ? file.getFileName() + "#" + firstLine : null;
        CaseBuilder b = new CaseBuilder(file, p, firstLine, maxElements);
        try {
            return new Parsed.Ok(b.read());
        } catch (CaseFormatException e) {
            return new Parsed.Malformed(file, e.line(), b.id != null ? b.id : defaultId, e);
        } catch (JsonProcessingException e) {
            CaseFormatException c = JsonReader.toCaseFormat(e, firstLine);
            return new Parsed.Malformed(file, c.line(), b.id != null ? b.id : defaultId, c);
        } catch (IOException e) {
            return new Parsed.Malformed(file, firstLine, defaultId, new CaseFormatException(firstLine, "$", "cannot read JSON: "
                    + e.getClass().getSimpleName() + " " + e.getMessage()));
        } catch (OutOfMemoryError e) {
            // the tensors read so far are unreachable once this returns: the heap is free again for the other cases
            String where = b.currentPath();
            return new Parsed.Malformed(file, firstLine, b.id != null ? b.id : defaultId, new CaseFormatException(firstLine, where,
                    "the case needs more memory than this JVM has (" + e.getMessage()
                            + "); raise -Xmx through NNCHECK_JAVA_OPTS, or split the case"));
        }
    }

    /** The streaming reader of one case object. */
    private static final class CaseBuilder {
        private final Path file;
        private final JsonParser p;
        private final int firstLine;
        private final long maxElements;
        private String id;
        private String tensorPath = "$";

        CaseBuilder(Path file, JsonParser p, int firstLine, long maxElements) {
            this.file = file;
            this.p = p;
            this.firstLine = firstLine;
            this.maxElements = maxElements;
        }

        String currentPath() {
            return tensorPath;
        }

        Case read() throws IOException, CaseFormatException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CaseFormatException(firstLine, "$", "empty document: expected a JSON object");
            }
            int line = JsonReader.line(p.currentTokenLocation(), firstLine);
            if (t != JsonToken.START_OBJECT) {
                throw new CaseFormatException(line, "$", "a case must be a JSON object, got " + JsonReader.describe(p));
            }
            Map<String, Location> locations = new LinkedHashMap<>();
            Map<String, Json> small = new LinkedHashMap<>();
            Map<String, Tensor> inputs = null;
            Map<String, Tensor> expected = null;
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                Location at = new Location(JsonReader.line(p.currentTokenLocation(), firstLine), "$." + name);
                if (!seen.add(name)) {
                    throw CaseFormatException.at(at, "duplicate key '" + name + "'");
                }
                switch (name) {
                    case "inputs" -> inputs = tensors(name, at, locations);
                    case "expected" -> expected = tensors(name, at, locations);
                    default -> {
                        if (name.startsWith("_")) {
                            p.skipChildren(); // a comment: its content is not needed (it is still checked to be JSON)
                        } else if (FIELDS.contains(name)) {
                            Json v = JsonReader.readValue(p, "$." + name, firstLine);
                            small.put(name, v);
                            if (name.equals("id") && v instanceof Json.JString s && !s.value().isBlank()) {
                                id = s.value();
                            }
                        } else {
                            throw CaseFormatException.at(at, "unknown field '" + name
                                    + "' (a case has format, id, component, params, dtype, inputs, expected, tolerance; fields starting with _ are comments)");
                        }
                    }
                }
            }
            if (p.nextToken() != null) {
                throw new CaseFormatException(JsonReader.line(p.currentTokenLocation(), firstLine), "$",
                        "unexpected content after the end of the JSON value");
            }
            Location root = new Location(line, "$");
            return assemble(line, root, small, locations, inputs, expected);
        }

        private Case assemble(int line, Location root, Map<String, Json> small, Map<String, Location> locations,
                              Map<String, Tensor> inputs, Map<String, Tensor> expected) throws CaseFormatException {
            Json format = small.get("format");
            if (format != null && !(format instanceof Json.JString fs && fs.value().equals(FORMAT))) {
                throw CaseFormatException.at(format, "unsupported format: got " + format.kind() + ", expected \"" + FORMAT + "\"");
            }
            String caseId = optionalString(small, "id");
            if (caseId == null || caseId.isBlank()) {
                caseId = file.getFileName() + (file.toString().endsWith(".jsonl") ? "#" + line : "");
            }
            Json comp = small.get("component");
            if (comp == null) {
                throw CaseFormatException.at(root, "missing field 'component'");
            }
            if (!(comp instanceof Json.JString cs) || cs.value().isBlank()) {
                throw CaseFormatException.at(comp, "'component' must be a non-empty string, got " + comp.kind());
            }
            locations.put("component", comp.location());
            Dtype dtype = Dtype.FLOAT64;
            Json dt = small.get("dtype");
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
            Json pj = small.get("params");
            if (pj != null && !(pj instanceof Json.JNull)) {
                if (!(pj instanceof Json.JObject po)) {
                    throw CaseFormatException.at(pj, "'params' must be an object, got " + pj.kind());
                }
                locations.put("params", pj.location());
                for (Map.Entry<String, Json> e : po.members().entrySet()) {
                    params.put(e.getKey(), Json.toPlain(e.getValue()));
                    locations.put("params." + e.getKey(), e.getValue().location());
                }
            }
            if (inputs == null) {
                throw CaseFormatException.at(root, "missing field 'inputs'");
            }
            if (expected == null) {
                throw CaseFormatException.at(root, "missing field 'expected'");
            }
            Optional<Tolerance> tolerance = Optional.empty();
            Json tj = small.get("tolerance");
            if (tj != null && !(tj instanceof Json.JNull)) {
                tolerance = Optional.of(tolerance(tj));
            }
            return new Case(file, line, caseId, cs.value(), dtype, params, locations, inputs, expected, tolerance);
        }

        private Map<String, Tensor> tensors(String field, Location at, Map<String, Location> locations) throws IOException, CaseFormatException {
            locations.put(field, at);
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw CaseFormatException.at(at, "'" + field + "' must be an object of named tensors, got " + JsonReader.describe(p));
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                String path = "$." + field + "." + name;
                Location where = new Location(JsonReader.line(p.currentTokenLocation(), firstLine), path);
                if (out.containsKey(name)) {
                    throw CaseFormatException.at(where, "duplicate key '" + name + "'");
                }
                tensorPath = path;
                out.put(name, TensorParser.read(p, path, firstLine, file, maxElements));
                tensorPath = "$";
                locations.put(field + "." + name, where);
            }
            return out;
        }
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

    private static String optionalString(Map<String, Json> o, String name) throws CaseFormatException {
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
