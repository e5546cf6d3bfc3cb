package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** {@code --report DIR} of gradcheck and conformance: junit.xml and Allure results agree with the closing line and the exit code. */
class ReportOptionTest {

    static void agrees(VerifyCommandTest.Run r, Path rep) throws Exception {
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        Matcher m = Pattern.compile("(\\d+) passed, (\\d+) failed(, (\\d+) skipped)?").matcher(last);
        assertTrue(m.matches(), last);
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(rep.resolve("junit.xml").toFile()).getDocumentElement();
        assertEquals(m.group(2), root.getAttribute("failures"));
        String skipped = m.group(4) == null ? "0" : m.group(4);
        assertEquals(skipped, root.getAttribute("skipped"));
        int tests = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) + Integer.parseInt(skipped);
        assertEquals(tests, Integer.parseInt(root.getAttribute("tests")));
        assertEquals(m.group(2).equals("0") ? 0 : 1, r.exit());
        try (Stream<Path> s = Files.list(rep.resolve("allure-results"))) {
            assertEquals(tests, s.filter(p -> p.toString().endsWith("-result.json")).count());
        }
    }

    @Test
    void gradcheckReport(@TempDir Path dir) throws Exception {
        Path rep = dir.resolve("g");
        VerifyCommandTest.Run r = VerifyCommandTest.run("gradcheck", "--component", "sigmoid", "--component", "l1", "--report", rep.toString());
        agrees(r, rep);
        assertTrue(Files.readString(rep.resolve("junit.xml")).contains("classname=\"Gradient checks of reference.activation.activation/sigmoid\""));
    }

    @Test
    void conformanceReportOfAFailingImplementation(@TempDir Path dir) throws Exception {
        Path rep = dir.resolve("c");
        VerifyCommandTest.Run r = VerifyCommandTest.run("conformance", "--impl", "org.nncheck.report.fixture.LeakyReluGradient", "--component", "relu",
                "--report", rep.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        agrees(r, rep);
    }
}
