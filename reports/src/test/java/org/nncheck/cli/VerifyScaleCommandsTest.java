package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue 11 additions to the command line: {@code verify --shard}, bad paths that do not
 * stop the run, {@code generate}'s validation and {@code --npy}, {@code list}, {@code describe},
 * {@code help}, and a case too large for the heap reported as that case's verdict.
 */
class VerifyScaleCommandsTest {
    private static String good(String id) {
        return "{\"id\": \"" + id + "\", \"component\": \"relu\", \"inputs\": {\"x\": [1, -1]}, \"expected\": {\"y\": [1, 0]}}";
    }

    @Test
    void shardsAreDisjointAndTogetherComplete(@TempDir Path dir) throws Exception {
        for (int k = 0; k < 7; k++) {
            Files.writeString(dir.resolve("c" + k + ".json"), good("case" + k));
        }
        List<String> seen = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            VerifyCommandTest.Run r = VerifyCommandTest.run("verify", "--shard", i + "/3", dir.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            r.out().lines().filter(l -> l.startsWith("PASS")).map(l -> l.split("\\s+")[1]).forEach(seen::add);
        }
        assertEquals(7, seen.size(), seen.toString());
        assertEquals(7, seen.stream().distinct().count(), seen.toString());
        VerifyCommandTest.Run again = VerifyCommandTest.run("verify", "--shard", "2/3", dir.toString());
        assertTrue(again.out().contains("PASS  case1") && again.out().contains("PASS  case4"), again.out());
        for (String bad : List.of("0/3", "4/3", "x", "1/0")) {
            VerifyCommandTest.Run r = VerifyCommandTest.run("verify", "--shard", bad, dir.toString());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("--shard must be I/N"), r.err());
        }
    }

    @Test
    void aFifoAndALoopAreNamedAndTheRestIsVerified(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), good("a"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        boolean fifo = new ProcessBuilder("mkfifo", dir.resolve("p.json").toString()).start().waitFor() == 0;
        VerifyCommandTest.Run r = VerifyCommandTest.run("verify", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("PASS  a"), r.out());
        assertTrue(r.err().contains("symbolic link loop"), r.err());
        if (fifo) {
            assertTrue(r.err().contains("p.json: not a regular file"), r.err());
            VerifyCommandTest.Run direct = VerifyCommandTest.run("verify", dir.resolve("p.json").toString(), dir.resolve("a.json").toString());
            assertEquals(2, direct.exit());
            assertTrue(direct.out().contains("PASS  a"), direct.out());
        }
    }

    @Test
    void generateRefusesOverflowingParamsAndAnUncappedCount(@TempDir Path dir) {
        VerifyCommandTest.Run inf = VerifyCommandTest.run("generate", "--component", "batch_norm", "--params", "{\"eps\": 1e309}",
                "--out", dir.toString());
        assertEquals(2, inf.exit());
        assertTrue(inf.err().contains("$.eps") && inf.err().contains("overflows double"), inf.err());
        VerifyCommandTest.Run count = VerifyCommandTest.run("generate", "--component", "relu", "--count", "2147483647", "--out", dir.toString());
        assertEquals(2, count.exit());
        assertTrue(count.err().contains("--count must be between 1 and 100000"), count.err());
        assertFalse(Files.exists(dir.resolve("relu-float64-1.json")));
    }

    @Test
    void generateNpyWritesCasesThatVerify(@TempDir Path dir) throws Exception {
        VerifyCommandTest.Run g = VerifyCommandTest.run("generate", "--component", "conv2d", "--npy", "--count", "2", "--out", dir.toString());
        assertEquals(0, g.exit(), g.out() + g.err());
        String text = Files.readString(dir.resolve("conv2d-float64-1.json"));
        assertTrue(text.contains("{\"npy\":\"conv2d-float64-1.inputs.x.npy\"}"), text);
        assertFalse(text.contains("\"data\""), text);
        VerifyCommandTest.Run v = VerifyCommandTest.run("verify", dir.toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        assertTrue(v.out().strip().endsWith("2 passed, 0 failed"), v.out());
    }

    @Test
    void listDescribeAndHelp() {
        VerifyCommandTest.Run list = VerifyCommandTest.run("list");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains("activations:") && list.out().contains("  relu "), list.out());
        VerifyCommandTest.Run d = VerifyCommandTest.run("describe", "leaky_relu");
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().contains("alpha  number, default 0.01"), d.out());
        assertTrue(d.out().contains("kinks: "), d.out());
        VerifyCommandTest.Run bn = VerifyCommandTest.run("describe", "batch_norm");
        assertTrue(bn.out().contains("momentum = weight of the old value"), bn.out());
        VerifyCommandTest.Run typo = VerifyCommandTest.run("describe", "batchnorm");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("unknown component 'batchnorm'; nearest: batch_norm"), typo.err());
        VerifyCommandTest.Run help = VerifyCommandTest.run("help", "verify");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--shard=I/N"), help.out());
    }

    /**
     * A case that needs more memory than the heap is that case's MALFORMED verdict, without a
     * stack trace, and the next file is still verified (a child JVM with a 64 MB heap and a case
     * of 15 million values, 120 MB as doubles).
     */
    @Test
    void outOfMemoryOnOneCaseIsThatCasesVerdict(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("a-big.json");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("{\"id\": \"big\", \"component\": \"relu\", \"inputs\": {\"x\": [0");
            String chunk = ",0".repeat(10_000);
            for (int k = 0; k < 1500; k++) {
                w.write(chunk);
            }
            w.write("]}, \"expected\": {}}");
        }
        Files.writeString(dir.resolve("b-small.json"), good("small"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "verify",
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("MALFORMED  big") && out.contains("needs more memory than this JVM has"), out);
        assertTrue(out.contains("PASS  small"), out);
        assertFalse(out.contains("\tat ") || out.contains("Exception in thread"), out);
    }
}
