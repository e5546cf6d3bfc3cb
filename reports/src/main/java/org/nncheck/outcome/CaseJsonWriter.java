package org.nncheck.outcome;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.TensorReport;

/**
 * {@code verify --json}: the totals, then one object per case (id, component, file, line, status,
 * message, per-tensor errors, alternative conventions), through Jackson's generator. Non-finite
 * numbers are written as strings ({@code "NaN"}, {@code "Infinity"}): JSON has no literal for them.
 */
public final class CaseJsonWriter {

    private CaseJsonWriter() {
    }

    public static String json(List<CaseResult> results, long passed, long failed, long malformed) {
        StringWriter sw = new StringWriter();
        Separators sep = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(sep);
        pp.indentObjectsWith(DefaultPrettyPrinter.NopIndenter.instance);
        pp.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("passed", passed);
            g.writeNumberField("failed", failed);
            g.writeNumberField("malformed", malformed);
            g.writeArrayFieldStart("cases");
            for (CaseResult r : results) {
                writeCase(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    private static void writeCase(JsonGenerator g, CaseResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("component", r.component());
        g.writeStringField("file", r.file() == null ? null : r.file().toString());
        g.writeNumberField("line", r.line());
        g.writeStringField("status", r.status().name().toLowerCase(Locale.ROOT));
        if (r.message() != null) {
            g.writeStringField("message", r.message());
        }
        g.writeArrayFieldStart("tensors");
        for (TensorReport t : r.tensors()) {
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeBooleanField("passed", t.passed());
            if (t.shapeMismatch() != null) {
                g.writeStringField("shape_mismatch", t.shapeMismatch());
            } else {
                number(g, "max_abs_error", t.maxAbsError());
                number(g, "max_rel_error", t.maxRelError());
                g.writeFieldName("worst_index");
                g.writeArray(t.worstIndex(), 0, t.worstIndex().length);
                number(g, "case_value", t.caseValue());
                number(g, "reference_value", t.referenceValue());
                g.writeNumberField("out_of_tolerance", t.outOfTolerance());
                g.writeNumberField("size", t.size());
                number(g, "rtol", t.tolerance().rtol());
                number(g, "atol", t.tolerance().atol());
                g.writeBooleanField("atol_scaled", t.tolerance().scaled());
                number(g, "tolerance_used", t.toleranceUsed());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("alternatives");
        for (String a : r.alternatives()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeStringField(name, Double.toString(v));
        }
    }
}
