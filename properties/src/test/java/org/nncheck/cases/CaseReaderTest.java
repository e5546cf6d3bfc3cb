package org.nncheck.cases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.core.Tensor;

/** Reading case files: the three tensor forms, non-finite strings, and every malformed input reported with line and path. */
class CaseReaderTest {
    private static final Path F = Path.of("t.json");

    private static Case ok(String json) {
        CaseReader.Parsed p = CaseReader.parseCase(F, json, 1);
        assertInstanceOf(CaseReader.Parsed.Ok.class, p, () -> p.toString());
        return ((CaseReader.Parsed.Ok) p).value();
    }

    static CaseReader.Parsed.Malformed bad(String json) {
        CaseReader.Parsed p = CaseReader.parseCase(F, json, 1);
        assertInstanceOf(CaseReader.Parsed.Malformed.class, p, () -> "expected malformed: " + json);
        return (CaseReader.Parsed.Malformed) p;
    }

    @Test
    void readsTheThreeTensorFormsAndNonFiniteStrings() {
        Case c = ok("{\"component\": \"relu\", \"inputs\": {\"x\": {\"shape\": [2, 2], \"data\": [1, \"NaN\", \"Infinity\", \"-Infinity\"]},"
                + " \"n\": [[1.5, 2], [3, 4]], \"s\": 2.5}, \"expected\": {}}");
        Tensor x = c.inputs().get("x");
        assertArrayEquals(new int[] {2, 2}, x.shape());
        assertTrue(Double.isNaN(x.get(1)));
        assertEquals(Double.POSITIVE_INFINITY, x.get(2));
        assertEquals(Double.NEGATIVE_INFINITY, x.get(3));
        assertArrayEquals(new double[] {1.5, 2, 3, 4}, c.inputs().get("n").toArray());
        assertArrayEquals(new int[] {2, 2}, c.inputs().get("n").shape());
        assertEquals(0, c.inputs().get("s").rank());
        assertEquals(2.5, c.inputs().get("s").item());
        assertEquals(Dtype.FLOAT64, c.dtype());
    }

    @Test
    void integerLiteralsMakeIntegerTensors() {
        Case c = ok("{\"component\": \"nll\", \"inputs\": {\"labels\": [0, 3, 2], \"w\": [0.5, 1]}, \"expected\": {}}");
        assertTrue(c.inputs().get("labels").isIntegral());
        assertTrue(!c.inputs().get("w").isIntegral());
    }

    @Test
    void bareNanIsReportedWithLineAndPath() {
        var m = bad("{\"component\": \"relu\",\n \"inputs\": {\"x\": [1, NaN]}, \"expected\": {}}");
        assertEquals(2, m.line());
        assertTrue(m.message().contains("$.inputs.x[1]"), m.message());
        assertTrue(m.message().contains("\"NaN\""), m.message());
    }

    @Test
    void truncatedFileIsReported() {
        var m = bad("{\"component\": \"relu\", \"inputs\": {\"x\": [1, 2");
        assertTrue(m.message().contains("truncated JSON"), m.message());
    }

    @Test
    void raggedArrayIsReported() {
        var m = bad("{\"component\": \"relu\", \"inputs\": {\"x\": [[1, 2], [3]]}, \"expected\": {}}");
        assertTrue(m.message().contains("$.inputs.x[1]") && m.message().contains("ragged"), m.message());
    }

    @Test
    void shapeDataMismatchIsReported() {
        var m = bad("{\"component\": \"relu\", \"inputs\": {\"x\": {\"shape\": [2, 3], \"data\": [1, 2]}}, \"expected\": {}}");
        assertTrue(m.message().contains("$.inputs.x.data") && m.message().contains("needs 6 values"), m.message());
    }

    @Test
    void missingFieldsAndWrongTypesAreReported() {
        assertTrue(bad("{\"inputs\": {}, \"expected\": {}}").message().contains("missing field 'component'"));
        assertTrue(bad("{\"component\": \"relu\", \"expected\": {}}").message().contains("missing field 'inputs'"));
        assertTrue(bad("{\"component\": 3, \"inputs\": {}, \"expected\": {}}").message().contains("'component' must be a non-empty string"));
        assertTrue(bad("{\"component\": \"relu\", \"dtype\": \"float8\", \"inputs\": {}, \"expected\": {}}").message().contains("unknown dtype"));
        assertTrue(bad("{\"component\": \"relu\", \"inputs\": {\"x\": [true]}, \"expected\": {}}").message().contains("$.inputs.x[0]"));
        assertTrue(bad("{\"component\": \"relu\", \"inputs\": {}, \"expected\": {}, \"tolerance\": {\"rtol\": -1}}").message()
                .contains("$.tolerance.rtol"));
        assertTrue(bad("[1, 2]").message().contains("must be a JSON object"));
        assertTrue(bad("{\"component\": \"relu\", \"inputs\": {}, \"expected\": {}, \"extra\": 1}").message().contains("unknown field 'extra'"));
    }

    @Test
    void jsonLinesKeepGoingPastABadLineAndNumberLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.jsonl");
        Files.writeString(f, "{\"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {\"y\": [1]}}\n\n{broken\n"
                + "{\"component\": \"relu\", \"inputs\": {\"x\": [2]}, \"expected\": {\"y\": [2]}}\n");
        List<CaseReader.Parsed> all = CaseReader.read(f);
        assertEquals(3, all.size());
        assertInstanceOf(CaseReader.Parsed.Ok.class, all.get(0));
        assertInstanceOf(CaseReader.Parsed.Malformed.class, all.get(1));
        assertEquals(3, all.get(1).line());
        assertEquals(4, all.get(2).line());
    }

    @Test
    void toleranceOverridesAreRead() {
        Case c = ok("{\"component\": \"relu\", \"inputs\": {}, \"expected\": {}, \"tolerance\": {\"rtol\": 1e-3, \"atol\": 1e-4}}");
        assertEquals(new Tolerance(1e-3, 1e-4), c.tolerance().orElseThrow());
    }
}
