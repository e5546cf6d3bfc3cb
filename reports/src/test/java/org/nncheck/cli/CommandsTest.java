package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other commands, end to end through the command line: exit codes and closing lines. */
class CommandsTest {

    @Test
    void conformanceOfTheReferenceOnOneComponentPasses() {
        VerifyCommandTest.Run r = VerifyCommandTest.run("conformance", "--impl", "reference", "--component", "relu");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS activation/relu required_forward_matches_reference"), r.out());
        assertTrue(r.out().strip().matches("(?s).*\\n\\d+ passed, 0 failed"), r.out());
    }

    @Test
    void badImplementationAndComponentAreArgumentErrors() {
        assertEquals(2, VerifyCommandTest.run("conformance", "--impl", "com.example.Nothing").exit());
        VerifyCommandTest.Run r = VerifyCommandTest.run("gradcheck", "--component", "relux");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unknown component 'relux'"), r.err());
    }

    @Test
    void gradcheckPrintsOneLinePerCheckAndTheClosingLine() {
        VerifyCommandTest.Run r = VerifyCommandTest.run("gradcheck", "--component", "sigmoid", "--component", "l1");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS activation/sigmoid params#0"), r.out());
        assertTrue(r.out().contains("PASS regularizer/l1 params#0"), r.out());
        assertTrue(r.out().strip().matches("(?s).*\\n\\d+ passed, 0 failed"), r.out());
    }

    @Test
    void gradcheckNamesTheModeTheCheckerUsed() {
        // affine declares its dependence (per sample for x, per output column for w and b): colored, not "dense"
        VerifyCommandTest.Run r = VerifyCommandTest.run("gradcheck", "--component", "affine");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS layer/affine params#0 {} colored:"), r.out());
        assertTrue(r.out().contains("PASS layer/affine params#0 {} directional:"), r.out());
        assertFalse(r.out().contains(" dense:"), r.out());
    }

    @Test
    void generateThenVerifyRoundTrips(@TempDir Path dir) throws Exception {
        VerifyCommandTest.Run g = VerifyCommandTest.run("generate", "--component", "batch_norm", "--params", "{\"training\": false}",
                "--dtype", "float32", "--count", "3", "--out", dir.toString());
        assertEquals(0, g.exit(), g.out() + g.err());
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count());
        }
        VerifyCommandTest.Run v = VerifyCommandTest.run("verify", dir.toString());
        assertEquals(0, v.exit(), v.out());
        assertTrue(v.out().strip().endsWith("3 passed, 0 failed"), v.out());
        assertEquals(2, VerifyCommandTest.run("generate", "--component", "constant", "--out", dir.toString()).exit(),
                "constant is ambiguous (schedule and initializer)");
        assertEquals(0, VerifyCommandTest.run("generate", "--component", "constant_init", "--params", "{\"value\": 0.5}",
                "--out", dir.resolve("c").toString()).exit());
    }

    @Test
    void reportOfTheExampleCasesWritesAllureHtmlAndJunitThatAgreeWithTheClosingLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--out", out.toString(), "--cases", ExampleCasesTest.ROOT.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        // 187 cases in pass/ accepted, 35 in fail/ rejected (each a passing "rejects injected bug" test)
        assertTrue(r.out().strip().endsWith("222 passed, 0 failed"), r.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("data/test-cases/") && html.contains("<title>nncheck report: cases pytorch-1.13</title>"), html.substring(0, 300));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("tests=\"222\" failures=\"0\" errors=\"0\""), junit.substring(0, 300));
        assertTrue(junit.contains("name=\"rejects injected bug relu-bug0\""), "expected rejections are passing tests");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList(), "nothing but the finished report is left beside it");
        }
    }
}
