package org.nncheck.reference.loss;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Tensor;

/** Small helpers shared by the losses: the scalar output, the scalar upstream, row checks. */
final class LossSupport {
    private LossSupport() {
    }

    /** The name of the output of every loss. */
    static final String LOSS = "loss";

    /** The forward result {@code {"loss": scalar}}. */
    static Map<String, Tensor> loss(double value) {
        return Map.of(LOSS, Tensor.scalar(value));
    }

    /** The upstream gradient {@code dloss}: a one-element tensor, 1 when absent. */
    static double dloss(String component, Map<String, Tensor> upstream) {
        return Inputs.upstream(component, upstream, "dloss", Tensor.scalar(0)).item();
    }

    /** Requires a rank-2 tensor (N, C) with C >= 1. */
    static Tensor matrix(String component, Map<String, Tensor> inputs, String name) {
        Tensor t = Inputs.require(component, inputs, name);
        if (t.rank() != 2) {
            throw new ContractException(component + ": tensor '" + name + "' must have shape (N, C), got " + t.shapeString());
        }
        if (t.dim(1) < 1) {
            throw new ContractException(component + ": tensor '" + name + "' must have at least one class (C >= 1), got shape "
                    + t.shapeString());
        }
        return t;
    }

    /** Class labels (N) for a (N, C) tensor: shape and range checked. */
    static int[] labels(String component, Map<String, Tensor> inputs, String matrixName, Tensor matrix) {
        Tensor labels = Inputs.require(component, inputs, "labels");
        int n = matrix.dim(0);
        if (labels.rank() != 1 || labels.dim(0) != n) {
            throw new ContractException(component + ": tensor 'labels' must have shape [" + n + "] (one class index per row of '"
                    + matrixName + "' " + matrix.shapeString() + "), got " + labels.shapeString());
        }
        return Inputs.labels(component, labels, "labels", matrix.dim(1));
    }

    /** Fails when a tensor holds a value outside [lo, hi] (NaN included), naming the first one. */
    static void requireRange(String component, String name, Tensor t, double lo, double hi, String what) {
        for (int i = 0; i < t.size(); i++) {
            double v = t.get(i);
            if (!(v >= lo && v <= hi)) {
                String range = hi == Double.MAX_VALUE ? "finite and >= " + lo : "in [" + lo + ", " + hi + "]";
                throw new ContractException(component + ": tensor '" + name + "' must hold " + what + " " + range
                        + ", got " + v + " at index " + java.util.Arrays.toString(t.unravel(i)));
            }
        }
    }
}
