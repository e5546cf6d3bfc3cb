package org.nncheck.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening list of issue 11, one regression test each: every input found by fuzzing gives
 * that case's MALFORMED verdict with file, line and JSON path, and the other cases are read.
 */
class CaseHardeningTest {
    private static final String GOOD = "{\"component\": \"relu\", \"inputs\": {\"x\": [1, -1]}, \"expected\": {\"y\": [1, 0]}}";

    private static CaseReader.Parsed.Malformed bad(String json) {
        return CaseReaderTest.bad(json);
    }

    @Test
    void aShapeWhoseElementCountOverflowsIsThatCasesError() {
        // 65536^4 = 2^64 wraps to 0 in a long: it must not be taken for an empty tensor
        var m = bad("{\"component\": \"relu\",\n \"inputs\": {\"x\": {\"shape\": [65536, 65536, 65536, 65536], \"data\": []}}, \"expected\": {}}");
        assertEquals(2, m.line());
        assertTrue(m.message().startsWith("t.json:2: $.inputs.x.shape: shape [65536, 65536, 65536, 65536]"), m.message());
        var zero = bad("{\"component\": \"relu\", \"inputs\": {\"x\": {\"shape\": [2147483647, 2147483647, 0], \"data\": []}}, \"expected\": {}}");
        assertTrue(zero.message().contains("$.inputs.x") && zero.message().contains("exceeds 2^31 - 9"), zero.message());
    }

    @Test
    void overflowingParameterNumbersAreMalformed() {
        var inf = bad("{\"component\": \"batch_norm\", \"params\": {\"eps\": 1e309}, \"inputs\": {\"x\": [[1, 2], [3, 4]]}, \"expected\": {}}");
        assertTrue(inf.message().contains("$.params.eps") && inf.message().contains("overflows double"), inf.message());
        var big = bad("{\"component\": \"step\", \"params\": {\"step_size\": " + "9".repeat(400) + "}, \"inputs\": {}, \"expected\": {}}");
        assertTrue(big.message().contains("$.params.step_size") && big.message().contains("does not fit in 64 bits"), big.message());
        var inTensor = bad("{\"component\": \"relu\", \"inputs\": {\"x\": [1, -1e999]}, \"expected\": {}}");
        assertTrue(inTensor.message().contains("$.inputs.x[1]") && inTensor.message().contains("overflows"), inTensor.message());
    }

    @Test
    void anInvalidUtf8LineSpoilsOnlyItself(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.jsonl");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        b.write("{\"id\": \"x\u00e9\", \"component\": \"relu\", \"inputs\": {}, \"expected\": {}}\n".getBytes(StandardCharsets.ISO_8859_1));
        b.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(f, b.toByteArray());
        List<CaseReader.Parsed> all = CaseReader.read(f);
        assertEquals(3, all.size());
        assertInstanceOf(CaseReader.Parsed.Ok.class, all.get(0));
        var m = assertInstanceOf(CaseReader.Parsed.Malformed.class, all.get(1));
        assertEquals(2, m.line());
        assertTrue(m.message().contains("c.jsonl:2:") && m.message().contains("UTF-8"), m.message());
        assertInstanceOf(CaseReader.Parsed.Ok.class, all.get(2));
    }

    @Test
    void utf16IsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("u.json");
        Files.write(f, GOOD.getBytes(StandardCharsets.UTF_16));
        var m = assertInstanceOf(CaseReader.Parsed.Malformed.class, CaseReader.read(f).get(0));
        assertTrue(m.message().contains("not UTF-8"), m.message());
    }

    @Test
    void aSymlinkLoopAndAFifoAreBadPathsAndTheRestIsListed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), GOOD);
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub").resolve("loop"), dir);
        Process mk = new ProcessBuilder("mkfifo", dir.resolve("pipe.json").toString()).start();
        boolean fifo = mk.waitFor() == 0;
        CaseFiles l = CaseFiles.list(List.of(dir));
        assertEquals(List.of(dir.resolve("a.json")), l.files());
        assertTrue(l.problems().stream().anyMatch(p -> p.problem().contains("symbolic link loop")), l.problems().toString());
        if (fifo) {
            assertTrue(l.problems().stream().anyMatch(p -> p.path().endsWith("pipe.json") && p.problem().contains("FIFO")),
                    l.problems().toString());
            CaseFiles direct = CaseFiles.list(List.of(dir.resolve("pipe.json"), dir.resolve("a.json")));
            assertEquals(1, direct.problems().size());
            assertEquals(List.of(dir.resolve("a.json")), direct.files());
        }
    }

    @Test
    void aDeviceIsABadPath(@TempDir Path dir) throws Exception {
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device) && !Files.isRegularFile(device), "skipped: no /dev/null device here");
        Files.writeString(dir.resolve("a.json"), GOOD);
        CaseFiles l = CaseFiles.list(List.of(device, dir.resolve("a.json")));
        assertEquals(List.of(dir.resolve("a.json")), l.files());
        assertTrue(l.problems().get(0).problem().contains("not a regular file"), l.problems().toString());
    }

    @Test
    void anUnreadableFolderIsABadPathAndTheRestIsListed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), GOOD);
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.writeString(locked.resolve("b.json"), GOOD);
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
                    "skipped: this user (root) reads a folder without permissions, so there is nothing to refuse");
            CaseFiles l = CaseFiles.list(List.of(dir));
            assertEquals(List.of(dir.resolve("a.json")), l.files());
            assertTrue(l.problems().stream().anyMatch(p -> p.path().endsWith("locked") && p.problem().contains("permission denied")),
                    l.problems().toString());
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void elementsAreLocatedWhenTheErrorHappens() {
        var m = bad("{\"component\": \"relu\", \"inputs\": {\"x\": {\"shape\": [3],\n \"data\": [1,\n 2,\n true]}}, \"expected\": {}}");
        assertEquals(4, m.line());
        assertTrue(m.message().contains("$.inputs.x.data[2]") && m.message().contains("got true"), m.message());
        var nested = bad("{\"component\": \"relu\", \"inputs\": {\"x\": [[1, 2], [3, [4]]]}, \"expected\": {}}");
        assertTrue(nested.message().contains("$.inputs.x[1][1]") && nested.message().contains("ragged"), nested.message());
    }

    @Test
    void dataBeforeShapeAndEmptyTensorsAreRead() {
        var p = CaseReader.parseCase(Path.of("t.json"), "{\"component\": \"relu\", \"inputs\": {\"x\": {\"data\": [1, 2, 3, 4, 5, 6], \"shape\": [2, 3]},"
                + " \"e\": {\"shape\": [2, 0], \"data\": []}, \"n\": [[], []]}, \"expected\": {}}", 1);
        var c = assertInstanceOf(CaseReader.Parsed.Ok.class, p).value();
        assertEquals(6, c.inputs().get("x").size());
        assertEquals(5.0, c.inputs().get("x").at(1, 1));
        assertEquals(0, c.inputs().get("e").size());
        assertEquals(2, c.inputs().get("n").dim(0));
        assertEquals(0, c.inputs().get("n").dim(1));
    }
}
