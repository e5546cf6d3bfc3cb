package org.nncheck.conformance;

import java.util.List;
import java.util.Map;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * One generated input of an entry: parameter set {@code paramSet} of the entry's sample
 * parameters, size hint, seed (derived from the run's seed, printed in every failure so the
 * sample can be regenerated), the inputs (floating-point ones rounded to the implementation's
 * precision), the names of its floating-point differentiable inputs, and the {@link EdgeInputs}
 * variant it is, if any.
 */
record Sample(int paramSet, Params params, int size, long seed, Map<String, Tensor> inputs, List<String> diffNames, String edge) {

    Sample {
        inputs = Map.copyOf(inputs);
        diffNames = List.copyOf(diffNames);
    }

    Sample(int paramSet, Params params, int size, long seed, Map<String, Tensor> inputs, List<String> diffNames) {
        this(paramSet, params, size, seed, inputs, diffNames, null);
    }

    String where() {
        return "params#" + paramSet + " " + params + ", size " + size + ", sample seed " + seed + (edge == null ? "" : ", edge: " + edge);
    }
}
