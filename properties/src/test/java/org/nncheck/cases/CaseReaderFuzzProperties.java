package org.nncheck.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the case reader (issue 11): truncations, byte flips, a wrong type at every JSON path,
 * huge and tiny numbers, deep nesting and bad encodings. Every input must give the right
 * verdict: a case that reads is verified (PASS, FAIL or MALFORMED, never an exception), one
 * that does not is MALFORMED with its file, line and a JSON path; nothing hangs, and in a JSON
 * Lines file the good cases around a fuzzed line are still read and pass.
 */
class CaseReaderFuzzProperties {
    /** A leaky_relu case with every tensor form, params, a comment and a tolerance; it passes. */
    static final String SEED = "{\"format\": \"nncheck.case/1\", \"id\": \"seed\", \"component\": \"leaky_relu\", \"params\": {\"alpha\": 0.1},"
            + " \"dtype\": \"float64\", \"_note\": \"fuzz seed\",\n \"inputs\": {\"x\": {\"shape\": [2, 2], \"data\": [1, -2, 0.5, \"NaN\"]},"
            + " \"dy\": [[1, 1], [1, 1]]},\n \"expected\": {\"y\": [[1, -0.2], [0.5, \"NaN\"]], \"dx\": {\"shape\": [2, 2], \"data\": [1, 0.1, 1, 0.1]}},"
            + "\n \"tolerance\": {\"rtol\": 1e-9, \"atol\": 0}}";
    private static final String GOOD = "{\"component\": \"relu\", \"inputs\": {\"x\": [1, -1]}, \"expected\": {\"y\": [1, 0]}}";
    private static final long SEED_QT = 20261202L;
    private static final Pattern WHERE = Pattern.compile("^.*\\.jsonl?:(\\d+): \\$.*: .+", Pattern.DOTALL);
    private static final CaseVerifier VERIFIER = new CaseVerifier();

    @TempDir
    Path dir;

    /** Reads {@code bytes} as a .json file and as the middle line of a .jsonl file; checks every verdict. */
    private void wellBehaved(byte[] bytes) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            Path one = Files.createTempFile(dir, "f", ".json");
            Files.write(one, bytes);
            List<CaseReader.Parsed> single = CaseReader.read(one);
            assertEquals(1, single.size());
            check(single.get(0));
            Path lines = Files.createTempFile(dir, "f", ".jsonl");
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
            b.write(bytes);
            b.write(("\n" + GOOD + "\n").getBytes(StandardCharsets.UTF_8));
            Files.write(lines, b.toByteArray());
            List<CaseReader.Parsed> all = CaseReader.read(lines);
            assertTrue(all.size() >= 2, all::toString);
            for (CaseReader.Parsed p : all) {
                check(p);
            }
            for (CaseReader.Parsed p : List.of(all.get(0), all.get(all.size() - 1))) {
                var ok = assertInstanceOf(CaseReader.Parsed.Ok.class, p, "a good line was lost: " + p);
                assertEquals(CaseResult.Status.PASS, VERIFIER.verify(ok.value()).status());
            }
            Files.delete(one);
            Files.delete(lines);
        });
    }

    private static void check(CaseReader.Parsed p) {
        if (p instanceof CaseReader.Parsed.Malformed m) {
            assertTrue(m.line() >= 1, m::message);
            assertTrue(WHERE.matcher(m.message()).matches(), () -> "no file, line and path in: " + m.message());
        } else {
            CaseResult r = VERIFIER.verify(((CaseReader.Parsed.Ok) p).value());
            if (r.status() == CaseResult.Status.MALFORMED) {
                assertTrue(WHERE.matcher(r.message()).matches(), () -> "no file, line and path in: " + r.message());
                assertTrue(!r.message().contains("internal error"), r::message);
            }
        }
    }

    @Test
    void theSeedPasses() throws IOException {
        Path f = dir.resolve("seed.json");
        Files.writeString(f, SEED);
        var ok = assertInstanceOf(CaseReader.Parsed.Ok.class, CaseReader.read(f).get(0));
        assertEquals(CaseResult.Status.PASS, VERIFIER.verify(ok.value()).status());
    }

    @Test
    void everyTruncation() {
        byte[] s = SEED.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < s.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(s, n);
            wellBehaved(cut);
        }
    }

    @Test
    void byteFlips() {
        byte[] s = SEED.getBytes(StandardCharsets.UTF_8);
        qt().withFixedSeed(SEED_QT).withExamples(400)
                .forAll(integers().between(0, s.length - 1), integers().between(0, 255), integers().between(0, 2))
                .checkAssert((at, value, mode) -> {
                    byte[] f = s.clone();
                    switch (mode) {
                        case 0 -> f[at] = (byte) (int) value;
                        case 1 -> f[at] ^= (byte) (1 << (value % 8));
                        default -> f = remove(f, at);
                    }
                    wellBehaved(f);
                });
    }

    private static byte[] remove(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }

    /** Values of every JSON type (and some near-valid ones) to put at a path. */
    static final List<Object> REPLACEMENTS = List.of("null", "true", "\"s\"", "\"NaN\"", "1.5", "-1", "0", "[]", "{}", "[[1]]",
            "{\"shape\": [1], \"data\": [2]}", "1e308", "[1, [2]]", "\"\"");

    @Test
    void aWrongTypeAtEveryPath() throws Exception {
        Json root = JsonReader.parse(SEED, 1);
        List<String> paths = new ArrayList<>();
        collect(root, paths);
        assertTrue(paths.size() > 40, paths::toString);
        for (String path : paths) {
            for (Object r : REPLACEMENTS) {
                String text = write(root, path, (String) r);
                wellBehaved(text.getBytes(StandardCharsets.UTF_8));
                CaseReader.Parsed p = CaseReader.parseCase(Path.of("w.json"), text, 1);
                if (p instanceof CaseReader.Parsed.Malformed m && m.error().path() != null && !m.error().path().equals("$")) {
                    // the error names the replaced value, a value inside it, or the part that holds it
                    String at = m.error().path();
                    String part = path.split("[.\\[]", 4).length > 2 ? path.substring(0, ordinalIndex(path, 2)) : path;
                    assertTrue(at.startsWith(part) || path.startsWith(at) || at.equals("$.component"),
                            () -> "replacing " + path + " by " + r + " was reported at " + at + ": " + m.message());
                }
            }
        }
    }

    /** Index of the n-th '.' or '[' after the leading "$" (end of the string if fewer). */
    private static int ordinalIndex(String path, int n) {
        int seen = 0;
        for (int i = 1; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                if (++seen == n + 1) {
                    return i;
                }
            }
        }
        return path.length();
    }

    private static void collect(Json j, List<String> out) {
        out.add(j.path());
        if (j instanceof Json.JObject o) {
            o.members().values().forEach(v -> collect(v, out));
        } else if (j instanceof Json.JArray a) {
            a.items().forEach(v -> collect(v, out));
        }
    }

    /** The tree as JSON text with the value at {@code target} replaced by the raw JSON {@code raw}. */
    private static String write(Json root, String target, String raw) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JsonReader.FACTORY.createGenerator(sw)) {
            write(g, root, target, raw);
        }
        return sw.toString();
    }

    private static void write(JsonGenerator g, Json j, String target, String raw) throws IOException {
        if (j.path().equals(target)) {
            g.writeRawValue(raw);
            return;
        }
        if (j instanceof Json.JObject o) {
            g.writeStartObject();
            for (Map.Entry<String, Json> e : o.members().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue(), target, raw);
            }
            g.writeEndObject();
        } else if (j instanceof Json.JArray a) {
            g.writeStartArray();
            for (Json x : a.items()) {
                write(g, x, target, raw);
            }
            g.writeEndArray();
        } else if (j instanceof Json.JNumber n) {
            if (n.integral()) {
                g.writeNumber(n.longValue());
            } else {
                g.writeNumber(n.value());
            }
        } else if (j instanceof Json.JString s) {
            g.writeString(s.value());
        } else if (j instanceof Json.JBool b) {
            g.writeBoolean(b.value());
        } else {
            g.writeNull();
        }
    }

    @Test
    void hugeAndTinyNumbers() {
        qt().withFixedSeed(SEED_QT).withExamples(300)
                .forAll(integers().between(1, 40), integers().between(-420, 420), integers().between(0, 3))
                .checkAssert((digits, exponent, where) -> {
                    String literal = "7".repeat(digits) + "." + "3".repeat(digits) + "e" + exponent;
                    double expected = Double.parseDouble(literal);
                    String text = switch (where) {
                        case 0 -> SEED.replace("[1, -2, 0.5, \"NaN\"]", "[1, -2, " + literal + ", \"NaN\"]");
                        case 1 -> SEED.replace("\"alpha\": 0.1", "\"alpha\": " + literal);
                        case 2 -> SEED.replace("\"rtol\": 1e-9", "\"rtol\": " + literal);
                        default -> SEED.replace("[[1, 1], [1, 1]]", "[[1, 1], [1, -" + literal + "]]");
                    };
                    wellBehaved(text.getBytes(StandardCharsets.UTF_8));
                    CaseReader.Parsed p = CaseReader.parseCase(Path.of("n.json"), text, 1);
                    if (Double.isInfinite(expected)) {
                        var m = assertInstanceOf(CaseReader.Parsed.Malformed.class, p);
                        assertTrue(m.message().contains("overflows double precision"), m.message());
                    } else if (where == 0) {
                        var c = assertInstanceOf(CaseReader.Parsed.Ok.class, p).value();
                        assertEquals(expected, c.inputs().get("x").get(2)); // correctly rounded, as Double.parseDouble
                    }
                });
        // integer literals beyond 64 bits, number literals beyond the reader's 1000-character limit
        wellBehaved(SEED.replace("\"alpha\": 0.1", "\"alpha\": " + "9".repeat(400)).getBytes(StandardCharsets.UTF_8));
        wellBehaved(SEED.replace("0.5", "0." + "5".repeat(1200)).getBytes(StandardCharsets.UTF_8));
        wellBehaved(SEED.replace("0.5", "4.9e-324").getBytes(StandardCharsets.UTF_8));
        wellBehaved(SEED.replace("0.5", "1e-400").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deepNesting() {
        qt().withFixedSeed(SEED_QT).withExamples(40).forAll(integers().between(1, 3000), integers().between(0, 2)).checkAssert((depth, kind) -> {
            String open = kind == 1 ? "{\"a\": ".repeat(depth) : "[".repeat(depth);
            String close = kind == 1 ? "}".repeat(depth) : "]".repeat(depth);
            String inner = open + "1" + close;
            String text = switch (kind) {
                case 0 -> SEED.replace("[[1, 1], [1, 1]]", inner);
                case 1 -> SEED.replace("\"fuzz seed\"", inner);
                default -> SEED.replace("{\"alpha\": 0.1}", "{\"alpha\": " + inner + "}");
            };
            wellBehaved(text.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void badEncodings() {
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16, Charset.forName("UTF-32"),
                StandardCharsets.ISO_8859_1)) {
            wellBehaved(SEED.replace("fuzz seed", "fuzz s\u00e9ed").getBytes(cs));
        }
        byte[] s = SEED.getBytes(StandardCharsets.UTF_8);
        qt().withFixedSeed(SEED_QT).withExamples(200).forAll(integers().between(0, s.length), integers().between(0x80, 0xFF),
                integers().between(1, 3)).checkAssert((at, first, count) -> {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    b.write(s, 0, at);
                    for (int k = 0; k < count; k++) {
                        b.write(k == 0 ? first : 0x80 | (first & 0x3F)); // a lead byte and continuation bytes, not always a valid sequence
                    }
                    b.write(s, at, s.length - at);
                    wellBehaved(b.toByteArray());
                });
    }
}
