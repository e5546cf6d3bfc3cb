package org.nncheck.cases;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.init.Initializer;

/**
 * Writes reference cases (SPEC.md section 2) for other implementations to test themselves
 * against: inputs drawn by the entry's sample generator (rounded to the case's dtype, so that
 * every implementation sees exactly representable inputs), random upstream gradients, and the
 * reference's outputs and gradients computed in double from those rounded inputs.
 */
public final class CaseWriter {
    private CaseWriter() {
    }

    /** One generated case as JSON text (a single line, so it also fits a JSON Lines file), every tensor inline. */
    public static String generate(Entry entry, Map<String, Object> rawParams, Dtype dtype, long seed, String id) {
        try {
            return generate(entry, rawParams, dtype, seed, id, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: nothing is written without a folder
        }
    }

    /**
     * One generated case as JSON text; with {@code npyDir}, every tensor is written to
     * {@code npyDir/<id>.<inputs|expected>.<name>.npy} (SPEC v1.1) and the case refers to it by
     * that file name, so the case file belongs in the same folder.
     */
    public static String generate(Entry entry, Map<String, Object> rawParams, Dtype dtype, long seed, String id, Path npyDir)
            throws IOException {
        if (dtype != Dtype.FLOAT64 && dtype != Dtype.FLOAT32) {
            throw new IllegalArgumentException("generate writes float64 or float32 cases, not " + dtype.jsonName());
        }
        Params params = entry.params(rawParams);
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        entry.samples().sample(rnd, params, 1).forEach((k, v) -> inputs.put(k, round(v, dtype)));
        Component ref = entry.newReference();
        if (ref instanceof Initializer init) {
            // an initializer case carries a sample drawn by the reference and is verified statistically
            Tensor shapeOf = inputs.get("w");
            inputs.put("w", round(init.sample(shapeOf.shape(), params, rnd), dtype));
            return json(entry, params, dtype, seed, id, inputs, Map.of(), npyDir);
        }
        Map<String, Tensor> expected = new LinkedHashMap<>(ref.forward(inputs, params));
        Map<String, Tensor> allInputs = new LinkedHashMap<>(inputs);
        if (entry.differentiable()) {
            Map<String, Tensor> upstream = new LinkedHashMap<>();
            for (String out : entry.differentiatedOutputs()) {
                Tensor o = expected.get(out);
                if (o != null) {
                    upstream.put("d" + out, round(Samples.normal(rnd, 0, 1, o.shape()), dtype));
                }
            }
            allInputs.putAll(upstream);
            expected.putAll(ref.backward(inputs, upstream, params));
        }
        return json(entry, params, dtype, seed, id, allInputs, expected, npyDir);
    }

    private static String json(Entry entry, Params params, Dtype dtype, long seed, String id, Map<String, Tensor> allInputs,
                               Map<String, Tensor> expected, Path npyDir) throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = JsonReader.FACTORY.createGenerator(sw)) {
            g.writeStartObject();
            g.writeStringField("format", CaseReader.FORMAT);
            g.writeStringField("id", id);
            g.writeStringField("component", entry.id());
            g.writeObjectFieldStart("params");
            for (Map.Entry<String, Object> e : params.asMap().entrySet()) {
                if (e.getValue() != null) {
                    g.writeFieldName(e.getKey());
                    plain(g, e.getValue());
                }
            }
            g.writeEndObject();
            g.writeStringField("dtype", dtype.jsonName());
            g.writeStringField("_source", "nncheck reference (double precision), seed " + seed);
            tensors(g, "inputs", allInputs, id, npyDir);
            tensors(g, "expected", expected, id, npyDir);
            g.writeEndObject();
        }
        return sw.toString();
    }

    private static void tensors(JsonGenerator g, String section, Map<String, Tensor> m, String id, Path npyDir) throws IOException {
        g.writeObjectFieldStart(section);
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            g.writeFieldName(e.getKey());
            if (npyDir != null) {
                String name = id + "." + section + "." + e.getKey() + ".npy";
                Npy.write(npyDir.resolve(name), e.getValue());
                g.writeStartObject();
                g.writeStringField("npy", name);
                g.writeEndObject();
            } else {
                tensor(g, e.getValue());
            }
        }
        g.writeEndObject();
    }

    /** Writes a tensor as {@code {"shape": [...], "data": [...]}} (non-finite values as strings, integers without a fraction). */
    static void tensor(JsonGenerator g, Tensor t) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("shape");
        for (int s : t.shape()) {
            g.writeNumber(s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data");
        for (int i = 0; i < t.size(); i++) {
            double v = t.get(i);
            if (Double.isNaN(v)) {
                g.writeString("NaN");
            } else if (Double.isInfinite(v)) {
                g.writeString(v > 0 ? "Infinity" : "-Infinity");
            } else if (t.isIntegral()) {
                g.writeNumber((long) v);
            } else {
                g.writeNumber(v);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void plain(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("parameter value " + d + " is not finite");
            }
            g.writeNumber(d);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) {
                plain(g, x);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write parameter value " + v);
        }
    }

    /** Rounds a float tensor to the dtype (integers stay). */
    static Tensor round(Tensor t, Dtype dtype) {
        if (dtype == Dtype.FLOAT64 || t.isIntegral()) {
            return t;
        }
        return t.map(v -> (double) (float) v);
    }

}
