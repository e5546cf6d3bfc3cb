package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.sanity.IdxDataset;

/**
 * {@code nncheck sanity} through the command line. {@code defaultRunPrintsTheSpecFields} is the
 * whole default run (checks 1-9 and the short end-to-end run, about 30 s of CPU); it and the
 * {@code --log} test need the training-log reader and detectors (SPEC section 4.2).
 */
class SanityCommandTest {

    @Test
    void aMissingDataFolderIsExit2WithItsName(@TempDir Path dir) {
        Path absent = dir.resolve("absent");
        VerifyCommandTest.Run r = VerifyCommandTest.run("sanity", "--data", absent.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(absent + ": data folder not found"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aCorruptDataFileIsExit2WithItsName(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[] {1, 2, 3, 4, 5});
        Files.write(dir.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 0});
        VerifyCommandTest.Run r = VerifyCommandTest.run("sanity", "--data", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("train-images-idx3-ubyte: not an IDX file: wrong magic number 01 02 03 04"), r.err());
    }

    @Test
    void tooFewClassesIsAnArgumentError() {
        VerifyCommandTest.Run r = VerifyCommandTest.run("sanity", "--num-classes", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--num-classes must be at least 2"), r.err());
    }

    @Test
    void aMissingLogIsExit2WithItsName(@TempDir Path dir) {
        Path absent = dir.resolve("absent.csv");
        VerifyCommandTest.Run r = VerifyCommandTest.run("sanity", "--log", absent.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(absent.toString()), r.err());
    }

    @Test
    void defaultRunPrintsTheSpecFields(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(IdxDataset.DEFAULT_DIR), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        VerifyCommandTest.Run r = VerifyCommandTest.run("sanity", "--json", "--report", dir.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("fashion-mnist", j.get("dataset").asText());
        assertEquals(Math.log(10), j.get("expected_initial_loss").asDouble(), 1e-15);
        for (String f : new String[] {"initial_loss", "reg_increases_loss", "overfit_train_accuracy", "high_lr_detected",
                "low_lr_detected", "test_accuracy", "checks"}) {
            assertTrue(j.has(f), f);
        }
        assertEquals(10, j.get("checks").size());
        for (JsonNode c : j.get("checks")) {
            assertTrue(c.get("passed").asBoolean(), c.toString());
            assertTrue(c.get("numbers").isObject(), c.toString());
        }
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(dir.resolve("sanity.json")));
        // junit.xml agrees with the checks and the exit code: 10 tests, none failed
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertTrue(junit.contains("tests=\"10\" failures=\"0\""), junit.substring(0, Math.min(400, junit.length())));
        assertTrue(Files.exists(dir.resolve("logs/overfit_20.jsonl")));
        assertTrue(Files.exists(dir.resolve("logs/lr_too_high_1e6.jsonl")));
        // the detectors stay silent on nncheck's own healthy run, read back from its log
        VerifyCommandTest.Run healthy = VerifyCommandTest.run("sanity", "--log", dir.resolve("logs/healthy_lr_0.02.jsonl").toString());
        assertEquals(0, healthy.exit(), healthy.out() + healthy.err());
        VerifyCommandTest.Run high = VerifyCommandTest.run("sanity", "--log", dir.resolve("logs/lr_too_high_1e6.jsonl").toString(), "--json");
        assertEquals(1, high.exit(), high.out() + high.err());
        assertTrue(new ObjectMapper().readTree(high.out()).get("diagnoses").size() > 0, high.out());
        assertTrue(r.err().contains("step") && r.err().contains("elapsed"), "progress on stderr");
    }

    /** The fixture logs of the training-log detectors (properties' test resources). */
    static final Path LOGS = Path.of("..", "properties", "src", "test", "resources", "training-logs");

    /**
     * {@code sanity --log FILE --report DIR}: junit.xml has one failed test per diagnosis (as many
     * as the closing line says, exit 1), or one passed test when nothing is diagnosed (exit 0).
     */
    @Test
    void aDiagnosedLogsReportAgreesWithItsClosingLine(@TempDir Path dir) throws Exception {
        VerifyCommandTest.Run bad = VerifyCommandTest.run("sanity", "--log", LOGS.resolve("diverging_adam_lr10.jsonl").toString(),
                "--report", dir.resolve("bad").toString());
        assertEquals(1, bad.exit(), bad.out() + bad.err());
        String last = bad.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) records, (\\d+) diagnoses").matcher(last);
        assertTrue(m.matches(), last);
        org.w3c.dom.Element root = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("bad/junit.xml").toFile()).getDocumentElement();
        assertEquals(m.group(2), root.getAttribute("failures"));
        assertEquals(m.group(2), root.getAttribute("tests"));
        assertTrue(Files.readString(dir.resolve("bad/junit.xml")).contains("name=\"diverging"), "the diverging diagnosis is a test");
        assertTrue(Files.exists(dir.resolve("bad/sanity.json")));
        try (var f = Files.list(dir.resolve("bad/allure-results"))) {
            assertTrue(f.anyMatch(p -> p.toString().endsWith(".png")), "the curves are attached");
        }
        VerifyCommandTest.Run ok = VerifyCommandTest.run("sanity", "--log", LOGS.resolve("healthy_adam.jsonl").toString(),
                "--report", dir.resolve("ok").toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().strip().endsWith("no problem diagnosed"), ok.out());
        String junit = Files.readString(dir.resolve("ok/junit.xml"));
        assertTrue(junit.contains("tests=\"1\" failures=\"0\""), junit);
    }
}
