package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void reportRunsTheMainJobAndWritesHtml(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--out", out.toString(), "--cases", ExampleCasesTest.ROOT.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("example cases, pass/: 187 of 187 accepted"), r.out());
        assertTrue(r.out().contains("example cases, fail/: 35 of 35 rejected"), r.out());
        assertTrue(r.out().contains("not built yet: training sanity checks"), r.out());
        assertTrue(r.out().strip().endsWith("passed, 0 failed"), r.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<h2>Gradient checks of the reference</h2>") && html.contains("<h2>Conformance kit on the OpenCL implementation"), html.substring(0, 300));
    }
}
