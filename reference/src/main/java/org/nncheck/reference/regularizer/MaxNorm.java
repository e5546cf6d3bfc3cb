package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code max_norm}: the max-norm constraint as a projection, not a loss (SPEC.md section 1,
 * Regularizers; Srivastava et al. 2014, "Dropout", section 5.1; CS231n "Max norm
 * constraints"). Input {@code w} of rank &gt;= 1; parameters {@code c} (required, &gt; 0) and
 * {@code axis} (default 0; negative counts from the end). Output {@code w} of the same shape.
 * No backward (a projection applied after the update).
 *
 * <p>The L2 norm is taken ALONG {@code axis}: for every position of the other axes, the vector
 * {@code w[..., :, ...]} running over {@code axis} is one "column". For a (D, H) weight matrix
 * with the CS231n layout {@code x W}, {@code axis = 0} gives the H columns, the incoming
 * weights of each hidden unit (Keras {@code MaxNorm(axis=0)} semantics). A column with
 * {@code norm > c} is scaled by exactly {@code c / norm} (so its norm becomes c up to
 * rounding); a column with {@code norm <= c} is returned unchanged (bit for bit). There is no
 * epsilon (Keras adds 1e-7 to the norm and torch.renorm too; both are alternatives).
 *
 * <p>Numerics: the norm is {@code sqrt(sum w^2)}; when that sum overflows or falls into the
 * subnormal range it is recomputed scaled by the column's largest magnitude, so the norm is
 * right for every finite column. Inputs are never modified.
 */
public final class MaxNorm implements Component {

    /** The catalogue id. */
    public static final String ID = "max_norm";
    /** Parameter names. */
    public static final String C = "c";
    public static final String AXIS = "axis";

    /** The parameter schema. */
    public static ParamSpec[] params() {
        return new ParamSpec[] {ParamSpec.positive(C, null, "largest allowed L2 norm c > 0 of each column"),
                ParamSpec.integer(AXIS, 0, -32, 31, "the axis the norm runs along (0: columns of a (D, H) matrix)")};
    }

    @Override
    public String id() {
        return ID;
    }

    /** The input and its normalized axis, checked. */
    record Problem(Tensor w, int axis, double c) {
        int outer() {
            int o = 1;
            for (int i = 0; i < axis; i++) {
                o *= w.dim(i);
            }
            return o;
        }

        int length() {
            return w.dim(axis);
        }

        int inner() {
            int in = 1;
            for (int i = axis + 1; i < w.rank(); i++) {
                in *= w.dim(i);
            }
            return in;
        }
    }

    static Problem problem(String id, Map<String, Tensor> inputs, Params params) {
        Tensor w = Inputs.require(id, inputs, "w");
        long axis = params.getLong(AXIS);
        if (w.rank() < 1) {
            throw new ContractException(id + ": tensor 'w' must have rank >= 1, got a scalar");
        }
        if (axis < -w.rank() || axis >= w.rank()) {
            throw new ContractException(id + ": parameter 'axis' = " + axis + " is out of range for tensor 'w' of shape "
                    + w.shapeString() + " (valid: " + -w.rank() + " to " + (w.rank() - 1) + ")");
        }
        int a = (int) (axis < 0 ? axis + w.rank() : axis);
        return new Problem(w, a, params.getDouble(C));
    }

    /** L2 norm of values {@code d[start + k * stride]}, k &lt; len, safe from overflow and underflow. */
    static double norm(double[] d, int start, int stride, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            double v = d[start + k * stride];
            s += v * v;
        }
        if (s == Double.POSITIVE_INFINITY || s < 0x1p-1000) {
            double m = 0;
            for (int k = 0; k < len; k++) {
                m = Math.max(m, Math.abs(d[start + k * stride]));
            }
            if (m == 0 || Double.isInfinite(m)) {
                return m;
            }
            double t = 0;
            for (int k = 0; k < len; k++) {
                double v = d[start + k * stride] / m;
                t += v * v;
            }
            return m * Math.sqrt(t);
        }
        return Math.sqrt(s);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Problem p = problem(ID, inputs, params);
        double[] d = p.w().toArray();
        int len = p.length();
        int inner = p.inner();
        for (int o = 0; o < p.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * len * inner + i;
                double n = norm(d, start, inner, len);
                if (n > p.c()) {
                    double f = p.c() / n;
                    for (int k = 0; k < len; k++) {
                        d[start + k * inner] *= f;
                    }
                }
            }
        }
        return Map.of("w", Tensor.wrap(p.w().shape(), d));
    }
}
