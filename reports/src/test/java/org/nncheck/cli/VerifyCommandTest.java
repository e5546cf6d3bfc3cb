package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nncheck verify}: output lines, closing line, exit codes, --json and --report. */
class VerifyCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static final String GOOD = "{\"id\": \"good\", \"component\": \"relu\", \"inputs\": {\"x\": [1, -1]}, \"expected\": {\"y\": [1, 0]}}";
    private static final String WRONG = "{\"id\": \"wrong\", \"component\": \"relu\", \"inputs\": {\"x\": [1, -1]}, \"expected\": {\"y\": [1, -1]}}";

    @Test
    void allPassingExitsZero(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), GOOD);
        Run r = run("verify", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS  good  relu"));
        assertTrue(r.out().strip().endsWith("1 passed, 0 failed"), r.out());
    }

    @Test
    void aFailureExitsOneAndNamesTheTensor(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), GOOD + "\n" + WRONG + "\n");
        Run r = run("verify", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("FAIL  wrong  relu  y[1]: case -1"), r.out());
        assertTrue(r.out().strip().endsWith("1 passed, 1 failed"), r.out());
    }

    @Test
    void malformedExitsTwoAndTheOthersAreStillVerified(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), GOOD + "\n{\"component\": \"relu\", \"inputs\": {\"x\": [1, NaN]}, \"expected\": {}}\n" + WRONG + "\n");
        Run r = run("verify", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("a.jsonl:2: $.inputs.x[1]: bare NaN"), r.out());
        assertTrue(r.out().strip().endsWith("1 passed, 1 failed"), r.out());
        assertFalse(r.out().contains("Exception") || r.err().contains("Exception"), r.out() + r.err());
    }

    @Test
    void missingPathExitsTwoWithoutStackTrace() {
        Run r = run("verify", "/no/such/place");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such file or folder"), r.err());
        assertFalse(r.err().contains("at org."), r.err());
    }

    @Test
    void jsonOutputAndReportFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), GOOD + "\n" + WRONG + "\n");
        Path rep = dir.resolve("rep");
        Run r = run("verify", "--json", "--report", rep.toString(), dir.resolve("a.jsonl").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("{\"passed\": 1, \"failed\": 1, \"malformed\": 0"), r.out());
        assertTrue(r.out().contains("\"worst_index\": [1]"), r.out());
        String junit = Files.readString(rep.resolve("junit.xml"));
        assertTrue(junit.contains("tests=\"2\" failures=\"1\""), junit);
        try (var s = Files.list(rep.resolve("allure-results"))) {
            assertEquals(2, s.filter(f -> f.getFileName().toString().endsWith("-result.json")).count());
        }
    }

    @Test
    void aMissingPathIsReportedAndTheOthersAreStillVerified(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), GOOD);
        Run r = run("verify", dir.resolve("a.json").toString(), dir.resolve("missing.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("PASS  good"), r.out());
        assertTrue(r.err().contains("no such file or folder"), r.err());
    }

    @Test
    void controlCharactersAreEscapedInTextAndJunit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.json"), "\uFEFF{\"id\": \"ctl\\u0000\\u001b[31m\", \"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {\"y\": [1]}}");
        Path rep = dir.resolve("rep");
        Run r = run("verify", "--report", rep.toString(), dir.resolve("a.json").toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("ctl\\u0000\\u001b[31m"), r.out());
        assertFalse(r.out().contains("\u001b"), r.out());
        String junit = Files.readString(rep.resolve("junit.xml"));
        assertFalse(junit.contains("\u0000"), junit);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(rep.resolve("junit.xml").toFile());
    }
}
