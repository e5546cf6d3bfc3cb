package org.nncheck.cases;

import java.util.LinkedHashMap;
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

    /** One generated case as JSON text (a single line, so it also fits a JSON Lines file). */
    public static String generate(Entry entry, Map<String, Object> rawParams, Dtype dtype, long seed, String id) {
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
            return json(entry, params, dtype, seed, id, inputs, Map.of());
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
        return json(entry, params, dtype, seed, id, allInputs, expected);
    }

    private static String json(Entry entry, Params params, Dtype dtype, long seed, String id, Map<String, Tensor> allInputs,
                               Map<String, Tensor> expected) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"format\": \"").append(CaseReader.FORMAT).append("\", \"id\": \"").append(id).append("\", \"component\": \"")
                .append(entry.id()).append("\", \"params\": ").append(paramsJson(params)).append(", \"dtype\": \"").append(dtype.jsonName())
                .append("\", \"_source\": \"nncheck reference (double precision), seed ").append(seed).append("\", \"inputs\": {");
        tensors(sb, allInputs);
        sb.append("}, \"expected\": {");
        tensors(sb, expected);
        sb.append("}}");
        return sb.toString();
    }

    private static void tensors(StringBuilder sb, Map<String, Tensor> m) {
        boolean first = true;
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ");
            TensorJson.write(sb, e.getValue());
            first = false;
        }
    }

    private static String paramsJson(Params p) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append(first ? "" : ", ").append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                sb.append('"').append(s).append('"');
            } else if (v instanceof java.util.List<?> l) {
                sb.append(l.toString());
            } else {
                sb.append(v);
            }
            first = false;
        }
        return sb.append('}').toString();
    }

    /** Rounds a float tensor to the dtype (integers stay). */
    static Tensor round(Tensor t, Dtype dtype) {
        if (dtype == Dtype.FLOAT64 || t.isIntegral()) {
            return t;
        }
        return t.map(v -> (double) (float) v);
    }

}
