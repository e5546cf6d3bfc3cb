package org.nncheck.outcome;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes outcomes as JUnit XML (the Ant/Surefire schema CI servers read) with the JDK's StAX
 * writer: one {@code <testsuite>} per part and suite; a failed outcome is a {@code <failure>}
 * whose {@code type} is its category, a broken one an {@code <error>}, a skipped one
 * {@code <skipped>}. An expected rejection that happened is a passed outcome, so it is a plain
 * passing {@code <testcase>}.
 */
public final class JunitXmlWriter {

    private JunitXmlWriter() {
    }

    /** Writes {@code file} (creating its folder). */
    public static void write(Outcomes run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(file)) {
            write(run, os);
        }
    }

    public static void write(Outcomes run, OutputStream os) throws IOException {
        Map<String, List<Outcome>> suites = new LinkedHashMap<>();
        for (Outcome o : run.outcomes()) {
            suites.computeIfAbsent(o.part() + " / " + o.suite(), k -> new java.util.ArrayList<>()).add(o);
        }
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", clean(run.title()));
            totals(w, run.outcomes());
            w.writeCharacters("\n");
            for (var e : suites.entrySet()) {
                w.writeStartElement("testsuite");
                w.writeAttribute("name", clean(e.getKey()));
                totals(w, e.getValue());
                w.writeCharacters("\n");
                for (Outcome o : e.getValue()) {
                    testcase(w, o);
                }
                w.writeEndElement();
                w.writeCharacters("\n");
            }
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException ex) {
            throw new IOException("cannot write JUnit XML: " + ex.getMessage(), ex);
        }
    }

    private static void totals(XMLStreamWriter w, List<Outcome> os) throws XMLStreamException {
        w.writeAttribute("tests", Long.toString(os.size()));
        w.writeAttribute("failures", Long.toString(os.stream().filter(o -> o.status() == Outcome.Status.FAILED).count()));
        w.writeAttribute("errors", Long.toString(os.stream().filter(o -> o.status() == Outcome.Status.BROKEN).count()));
        w.writeAttribute("skipped", Long.toString(os.stream().filter(o -> o.status() == Outcome.Status.SKIPPED).count()));
        w.writeAttribute("time", seconds(os.stream().mapToLong(Outcome::durationMillis).sum()));
    }

    private static void testcase(XMLStreamWriter w, Outcome o) throws XMLStreamException {
        w.writeCharacters("  ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", clean(o.className()));
        w.writeAttribute("name", clean(o.name()));
        w.writeAttribute("time", seconds(o.durationMillis()));
        String element = switch (o.status()) {
            case PASSED -> null;
            case FAILED -> "failure";
            case BROKEN -> "error";
            case SKIPPED -> "skipped";
        };
        if (element != null) {
            w.writeStartElement(element);
            w.writeAttribute("message", clean(o.message()));
            if (o.category() != null) {
                w.writeAttribute("type", o.category().title());
            }
            if (!o.detail().isEmpty()) {
                w.writeCharacters(clean(o.detail()));
            }
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeCharacters("\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /**
     * XML 1.0 cannot carry most control characters, even escaped (its Char production); they are
     * written as {@code \\uXXXX} text instead. The StAX writer escapes everything else.
     */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isSurrogate(c);
            if (!allowed && sb == null) {
                sb = new StringBuilder(s.substring(0, i));
            }
            if (sb != null) {
                sb.append(allowed ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb == null ? s : sb.toString();
    }
}
