package org.nncheck.outcome;

import com.fasterxml.jackson.core.JsonGenerator;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes outcomes as Allure 2 results with Allure's own model ({@code io.qameta.allure.model})
 * and writer ({@link FileSystemResultsWriter}): one {@code *-result.json} per outcome, its
 * attachments, {@code environment.xml} and {@code categories.json} (one Allure category
 * per {@link Category}, matched on the status message's prefix).
 */
public final class AllureResultsWriter {

    private AllureResultsWriter() {
    }

    /** Writes into {@code dir} (created when missing). */
    public static void write(Outcomes run, Path dir) throws IOException {
        Files.createDirectories(dir);
        FileSystemResultsWriter writer = new FileSystemResultsWriter(dir);
        for (Outcome o : run.outcomes()) {
            writer.write(result(o, writer));
        }
        writeEnvironment(run.environment(), dir.resolve("environment.xml"));
        writeCategories(dir.resolve("categories.json"));
    }

    private static TestResult result(Outcome o, FileSystemResultsWriter writer) {
        String fullName = o.className() + "." + o.name() + (o.parameters().isEmpty() ? "" : " " + o.parameters());
        String uuid = UUID.randomUUID().toString();
        String historyId = UUID.nameUUIDFromBytes(fullName.getBytes(StandardCharsets.UTF_8)).toString();
        List<Label> labels = new ArrayList<>();
        labels.add(new Label().setName("parentSuite").setValue(o.part()));
        labels.add(new Label().setName("suite").setValue(o.suite()));
        if (o.subSuite() != null) {
            labels.add(new Label().setName("subSuite").setValue(o.subSuite()));
        }
        labels.add(new Label().setName("epic").setValue(o.part()));
        labels.add(new Label().setName("feature").setValue(o.suite()));
        List<Parameter> parameters = new ArrayList<>();
        for (Map.Entry<String, String> p : o.parameters().entrySet()) {
            parameters.add(new Parameter().setName(p.getKey()).setValue(p.getValue()));
        }
        List<io.qameta.allure.model.Attachment> attachments = new ArrayList<>();
        for (Attachment a : o.attachments()) {
            String source = UUID.randomUUID() + "-attachment." + a.extension();
            writer.write(source, new ByteArrayInputStream(a.content()));
            attachments.add(new io.qameta.allure.model.Attachment().setName(a.name()).setType(a.mimeType()).setSource(source));
        }
        String message = o.category() == null ? o.message() : o.category().prefix() + o.message();
        TestResult r = new TestResult()
                .setUuid(uuid)
                .setHistoryId(historyId)
                .setTestCaseId(historyId)
                .setName(o.name())
                .setFullName(fullName)
                .setStatus(status(o.status()))
                .setStage(Stage.FINISHED)
                .setStart(o.startMillis())
                .setStop(o.startMillis() + o.durationMillis())
                .setLabels(labels)
                .setParameters(parameters)
                .setAttachments(attachments)
                .setStatusDetails(new StatusDetails().setMessage(message)
                        .setTrace(o.detail().isEmpty() || o.status() == Outcome.Status.PASSED ? null : o.detail()));
        // a passed test shows its message once at the top and the detail, when it says more, as the description
        // (as a trace too it was shown three times);
        // a failure's detail (every differing tensor, the convention's explanation) in view without a click on the message
        if (!o.detail().isEmpty() && !o.detail().strip().equals(o.message().strip())) {
            r.setDescription(o.detail());
        }
        return r;
    }

    private static Status status(Outcome.Status s) {
        return switch (s) {
            case PASSED -> Status.PASSED;
            case FAILED -> Status.FAILED;
            case BROKEN -> Status.BROKEN;
            case SKIPPED -> Status.SKIPPED;
        };
    }

    /** Allure's environment.xml (keeps the order, unlike environment.properties). */
    private static void writeEnvironment(Map<String, String> env, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            javax.xml.stream.XMLStreamWriter w = javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("environment");
            for (Map.Entry<String, String> e : env.entrySet()) {
                w.writeStartElement("parameter");
                w.writeStartElement("key");
                w.writeCharacters(JunitXmlWriter.clean(e.getKey()));
                w.writeEndElement();
                w.writeStartElement("value");
                w.writeCharacters(JunitXmlWriter.clean(e.getValue()));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Allure's categories file: name, description, matched statuses, message regex. */
    private static void writeCategories(Path file) throws IOException {
        try (JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Category c : Category.values()) {
                g.writeStartObject();
                g.writeStringField("name", c.title());
                g.writeStringField("description", c.description());
                g.writeArrayFieldStart("matchedStatuses");
                g.writeString("failed");
                g.writeString("broken");
                g.writeEndArray();
                g.writeStringField("messageRegex", "(?s)" + Pattern.quote(c.prefix()) + ".*");
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }
}
