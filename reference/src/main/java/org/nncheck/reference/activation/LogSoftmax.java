package org.nncheck.reference.activation;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code log_softmax}: {@code y_k = x_k - logsumexp_j x_j} along {@code axis} (SPEC section 1;
 * PyTorch {@code torch.log_softmax(x, dim=axis)}). Parameter {@code axis} (integer, default -1,
 * negative counts from the end). Input {@code x} of any rank &gt;= 1; {@code y}, {@code dx} of
 * the shape of x.
 *
 * <p>Forward: with {@code m = max_j x_j}, {@code y_k = (x_k - m) - log1p(s)}, where
 * {@code s = sum over j != argmax of e^{x_j - m}} (the maximum contributes exactly 1, and
 * {@code log1p} keeps the accuracy that {@code log(1 + s)} loses when the other entries are
 * far below the maximum; the rounding of {@code x_j - m} inside the exponentials is
 * compensated as in {@link Softmax}). Never overflows; {@code y} is finite for finite x even where softmax
 * underflows to 0 (computing {@code log(softmax(x))} there gives -inf: a known mistake,
 * registered as an alternative).
 *
 * <p>Accuracy (50-digit oracle, vectors of 1 to 6 entries with |x| <= 300): within 2.4 ulp.
 *
 * <p>Backward: {@code dx_k = dy_k - softmax_k(x) sum_j dy_j}. Smooth: no kinks. Non-finite
 * inputs behave as in {@link Softmax} (-inf entries give -inf; NaN, +inf or all -inf make the
 * slice NaN, as PyTorch). Inputs are never modified.
 */
public final class LogSoftmax implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "log_softmax";


    @Override
    public String id() {
        return ID;
    }

    /** Log-softmax along {@code axis}, flat in the layout of x. */
    static double[] logSoftmax(String component, Tensor x, long axis) {
        AxisSlices sl = AxisSlices.of(component, x, axis);
        double[] y = new double[x.size()];
        if (sl.n() == 0) {
            return y;
        }
        for (int s = 0; s < sl.count(); s++) {
            int arg = 0;
            double m = x.get(sl.index(s, 0));
            for (int k = 1; k < sl.n(); k++) {
                double v = x.get(sl.index(s, k));
                if (Double.isNaN(m)) {
                    break;
                }
                if (v > m || Double.isNaN(v)) {
                    m = v;
                    arg = k;
                }
            }
            double rest = 0;
            for (int k = 0; k < sl.n(); k++) {
                int idx = sl.index(s, k);
                y[idx] = x.get(idx) - m;
                if (k != arg) {
                    rest += AxisSlices.expDiff(x.get(idx), m);
                }
            }
            // e^{x_arg - m} is 1 unless m is NaN or infinite (then y[arg] is NaN and so is lse)
            double lse = Double.isNaN(y[sl.index(s, arg)]) ? Double.NaN : Math.log1p(rest);
            for (int k = 0; k < sl.n(); k++) {
                y[sl.index(s, k)] -= lse;
            }
        }
        return y;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        return Map.of("y", Tensor.wrap(x.shape(), logSoftmax(id(), x, params.getLong("axis"))));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Tensor dy = Inputs.upstream(id(), upstream, "dy", x);
        long axis = params.getLong("axis");
        double[] p = Softmax.softmax(id(), x, axis);
        AxisSlices sl = AxisSlices.of(id(), x, axis);
        double[] dx = new double[p.length];
        for (int s = 0; s < sl.count(); s++) {
            double sum = 0;
            for (int k = 0; k < sl.n(); k++) {
                sum += dy.get(sl.index(s, k));
            }
            for (int k = 0; k < sl.n(); k++) {
                int idx = sl.index(s, k);
                dx[idx] = dy.get(idx) - p[idx] * sum;
            }
        }
        return Map.of("dx", Tensor.wrap(x.shape(), dx));
    }

    /**
     * A well-known mistake, for {@code verify} diagnostics: {@code log(softmax(x))} computed as
     * {@code log(e^x / sum e^x)} without max subtraction, which gives -inf or NaN where the
     * stable form is finite.
     */
    public static final class NaiveLogOfSoftmax implements Component {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
            Tensor y = new Softmax.WithoutMaxSubtraction().forward(inputs, params).get("y");
            return Map.of("y", y.map(Math::log));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
            return new LogSoftmax().backward(inputs, upstream, params);
        }
    }
}
