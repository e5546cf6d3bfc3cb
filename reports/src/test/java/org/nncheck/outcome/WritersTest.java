package org.nncheck.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML and Allure results of the same outcomes agree with each other and with the closing line. */
class WritersTest {

    static Outcomes sample() {
        List<Outcome> os = List.of(
                new Outcome("Cases", "pass/", "relu", "good", Outcome.Status.PASSED, null, "accepted", "", 1000, 5, Map.of("file", "a.json:1"), List.of()),
                new Outcome("Cases", "fail/", "relu", "rejects injected bug relu-bug0", Outcome.Status.PASSED, null, "rejected", "", 1005, 3,
                        Map.of(), List.of()),
                new Outcome("Conformance", "optimizer", "optimizer/momentum", "required_forward_matches_reference", Outcome.Status.FAILED,
                        Category.NAMED_CONVENTION, "w[0]: case 1 <&> \"2\" \u0000\u001b", "table\nline 2", 1010, 20, Map.of("seed", "7"),
                        List.of(Attachment.text("table", "a b\n1 2\n"))),
                new Outcome("Cases", "pass/", "?", "bad", Outcome.Status.BROKEN, Category.CONTRACT_ERROR, "malformed", "", 1030, 0, Map.of(), List.of()),
                new Outcome("Conformance", "OpenCL", null, "not run", Outcome.Status.SKIPPED, null, "no device", "", 1030, 0, Map.of(), List.of()));
        return new Outcomes("nncheck test", os, Map.of("nncheck", "0.1.0", "seed", "7"));
    }

    @Test
    void closingLineCountsFailuresErrorsAndSkipsApart() {
        Outcomes run = sample();
        assertEquals("2 passed, 1 failed, 1 broken, 1 skipped", run.closingLine());
        assertTrue(run.anyBad());
    }

    @Test
    void junitXmlHasTheSameTotalsAndPassesExpectedRejections(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("junit.xml");
        JunitXmlWriter.write(sample(), f);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("5", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        assertEquals("1", root.getAttribute("skipped"));
        NodeList cases = d.getElementsByTagName("testcase");
        assertEquals(5, cases.getLength());
        Element rejection = null;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            rejection = c.getAttribute("name").equals("rejects injected bug relu-bug0") ? c : rejection;
        }
        assertEquals("Cases.fail/.relu", rejection.getAttribute("classname"));
        assertEquals(0, rejection.getChildNodes().getLength(), "a passing test has no failure element");
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        assertEquals("Named convention", failure.getAttribute("type"));
        assertEquals("w[0]: case 1 <&> \"2\" \\u0000\\u001b", failure.getAttribute("message"));
        assertEquals("table\nline 2", failure.getTextContent());
        assertEquals(4, d.getElementsByTagName("testsuite").getLength(), "one per part and suite");
    }

    @Test
    void allureResultsUseAllureModelWithCategoriesAndAttachments(@TempDir Path dir) throws Exception {
        AllureResultsWriter.write(sample(), dir);
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                results.add(m.readTree(p.toFile()));
            }
        }
        assertEquals(5, results.size());
        JsonNode failed = results.stream().filter(r -> r.get("status").asText().equals("failed")).findFirst().orElseThrow();
        assertEquals("required_forward_matches_reference", failed.get("name").asText());
        String message = failed.get("statusDetails").get("message").asText();
        assertTrue(message.startsWith("Named convention: w[0]"), message);
        JsonNode att = failed.get("attachments").get(0);
        assertEquals("text/plain", att.get("type").asText());
        assertEquals("a b\n1 2\n", Files.readString(dir.resolve(att.get("source").asText())));
        List<String> labels = new ArrayList<>();
        failed.get("labels").forEach(l -> labels.add(l.get("name").asText() + "=" + l.get("value").asText()));
        assertTrue(labels.containsAll(List.of("parentSuite=Conformance", "suite=optimizer", "subSuite=optimizer/momentum")), labels.toString());
        assertEquals(1, results.stream().filter(r -> r.get("status").asText().equals("broken")).count());
        assertEquals(1, results.stream().filter(r -> r.get("status").asText().equals("skipped")).count());
        // every category's regex matches exactly the messages of its category (Allure matches the whole message)
        JsonNode cats = m.readTree(dir.resolve("categories.json").toFile());
        assertEquals(Category.values().length, cats.size());
        for (JsonNode c : cats) {
            boolean matches = Pattern.compile(c.get("messageRegex").asText()).matcher(message).matches();
            assertEquals(c.get("name").asText().equals("Named convention"), matches, c.toString());
        }
        String env = Files.readString(dir.resolve("environment.xml"));
        assertTrue(env.contains("<key>nncheck</key><value>0.1.0</value>") && env.contains("<key>seed</key><value>7</value>"), env);
    }

    @Test
    void failedOutcomesNeedACategory() {
        assertThrows(IllegalArgumentException.class,
                () -> new Outcome("p", "s", null, "n", Outcome.Status.FAILED, null, "", "", 0, 0, Map.of(), List.of()));
    }
}
