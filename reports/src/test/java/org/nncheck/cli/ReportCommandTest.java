package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code nncheck report} on a user's own work: exit code, closing line and junit.xml agree. */
class ReportCommandTest {

    @Test
    void aFailingUserImplementationFailsTheRunAndJunitAgrees(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--impl", "org.nncheck.report.fixture.LeakyReluGradient", "--out", out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        Matcher m = Pattern.compile("(\\d+) passed, (\\d+) failed(, (\\d+) skipped)?").matcher(last);
        assertTrue(m.matches(), last);
        assertTrue(Integer.parseInt(m.group(2)) > 0, last);
        Element suites = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile()).getDocumentElement();
        assertEquals(m.group(2), suites.getAttribute("failures"));
        assertEquals(m.group(4) == null ? "0" : m.group(4), suites.getAttribute("skipped"));
        assertEquals(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) + Integer.parseInt(suites.getAttribute("skipped")),
                Integer.parseInt(suites.getAttribute("tests")));
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("classname=\"Conformance of leaky relu gradient (test fixture).activation.activation/relu\" name=\"required_backward_matches_reference\""),
                junit.substring(0, 400));
        assertTrue(junit.contains("type=\"Wrong value\""), "the backward failure is a wrong value");
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
    }

    /**
     * A user implementation that follows Keras' leaky_relu slope without declaring it and whose
     * sigmoid is a few roundoffs off: the failures are categorized from the kit's measurements,
     * the convention is named in the message, and the Allure categories put them first.
     */
    @Test
    void anUndeclaredConventionIsNamedAndASmallErrorIsPrecision(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--impl", "org.nncheck.report.fixture.UndeclaredConventions", "--out",
                out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        org.w3c.dom.NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("junit.xml").toFile())
                .getElementsByTagName("testcase");
        java.util.Map<String, String> failures = new java.util.TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            org.w3c.dom.NodeList f = c.getElementsByTagName("failure");
            if (f.getLength() > 0) {
                Element e = (Element) f.item(0);
                failures.put(c.getAttribute("classname").replaceAll(".*\\.", "") + " " + c.getAttribute("name"),
                        e.getAttribute("type") + " | " + e.getAttribute("message"));
            }
        }
        String leaky = failures.get("activation/leaky_relu required_forward_matches_reference");
        assertTrue(leaky != null && leaky.startsWith("Named convention | would match under 'leaky_relu alpha = 0.3 (Keras"), failures.toString());
        String back = failures.get("activation/leaky_relu required_backward_matches_reference");
        assertTrue(back != null && back.startsWith("Named convention | "), failures.toString());
        String sigmoid = failures.get("activation/sigmoid required_forward_matches_reference");
        assertTrue(sigmoid != null && sigmoid.startsWith("Precision | "), failures.toString());
        assertFalse(failures.containsKey("activation/sigmoid required_backward_matches_reference"), failures.toString());
        String categories = Files.readString(out.resolve("allure-results").resolve("categories.json"));
        assertTrue(categories.indexOf("Named convention") < categories.indexOf("Contract error"), categories);
    }

    /** {@code report --log} of a diverging and a healthy fixture log: exit 1, junit.xml agrees, the curves are attached. */
    @Test
    void aTrainingLogReportAgreesWithItsExitCode(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--log", SanityCommandTest.LOGS.resolve("diverging_tanh_sgd.jsonl").toString(),
                "--log", SanityCommandTest.LOGS.resolve("healthy_sgd_momentum.jsonl").toString(), "--out", out.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        ReportOptionTest.agrees(r, out);
        String junit = Files.readString(out.resolve("junit.xml"));
        assertTrue(junit.contains("classname=\"Training log.diverging_tanh_sgd.jsonl\" name=\"diverging"), junit);
        assertTrue(junit.contains("classname=\"Training log.healthy_sgd_momentum.jsonl\" name=\"no problem diagnosed\""), junit);
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo(@TempDir Path dir) {
        VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--cases", dir.resolve("missing").toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--cases: no such folder"), r.err());
        VerifyCommandTest.Run c = VerifyCommandTest.run("report", "--classpath", "x.jar", "--out", dir.resolve("r").toString());
        assertEquals(2, c.exit());
        assertTrue(c.err().contains("--classpath needs --impl"), c.err());
        assertFalse(Files.exists(dir.resolve("r")), "no report for a bad argument");
    }

    @Test
    void aFailedRunLeavesNoPartialFolderAndKeepsThePreviousReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.html"), "previous");
        String home = System.getProperty("nncheck.allure.home");
        System.setProperty("nncheck.allure.home", dir.resolve("no-allure").toString());
        try {
            Path cases = Files.createDirectories(dir.resolve("cases"));
            Files.writeString(cases.resolve("a.json"), "{\"id\": \"a\", \"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {\"y\": [1]}}");
            VerifyCommandTest.Run r = VerifyCommandTest.run("report", "--cases", cases.toString(), "--out", out.toString());
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("Allure command line not found"), r.err());
        } finally {
            if (home == null) {
                System.clearProperty("nncheck.allure.home");
            } else {
                System.setProperty("nncheck.allure.home", home);
            }
        }
        assertEquals("previous", Files.readString(out.resolve("index.html")));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".r.")).count(), "no temporary folder left");
        }
    }
}
