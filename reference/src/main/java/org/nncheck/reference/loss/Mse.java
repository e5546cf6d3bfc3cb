package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code mse}: squared error (SPEC.md section 1, Losses; PyTorch {@code MSELoss}).
 *
 * <p>Inputs: {@code pred} and {@code target} of the same shape (any rank, a scalar included).
 * Output {@code loss} (shape []): {@code sum_k (pred_k - target_k)^2}, divided by the number of
 * ELEMENTS for {@code reduction = "mean"} (default; not by the batch size), or not divided
 * ("sum"). No factor 1/2. Gradients: {@code dpred = dloss * f * 2 * (pred - target)},
 * {@code dtarget = -dpred}, f = 1/size or 1.
 *
 * <p>Numerics: the sum is compensated (Neumaier); when the plain sum of squares overflows although the mean is finite (differences
 * near 1e154 and beyond), the mean is recomputed as {@code sum_k ((pred_k - target_k) / sqrt(n))^2},
 * which cannot overflow unless the mean itself does. The gradient is formed as
 * {@code 2 * (d * f)} so that it overflows only when the true gradient does. An empty tensor
 * gives 0 ("sum") or NaN ("mean"). Inputs are never modified.
 */
public final class Mse implements Component {

    /** The catalogue id. */
    public static final String ID = "mse";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor pred = Inputs.require(ID, inputs, "pred");
        Tensor target = Inputs.require(ID, inputs, "target");
        Inputs.requireSameShape(ID, "pred", pred, "target", target);
        Reduction r = Reduction.of(params);
        int n = pred.size();
        CompensatedSum compensated = new CompensatedSum();
        for (int k = 0; k < n; k++) {
            double d = pred.get(k) - target.get(k);
            compensated.add(d * d);
        }
        double sum = compensated.value();
        if (r == Reduction.MEAN && sum == Double.POSITIVE_INFINITY) {
            double root = Math.sqrt(n);
            CompensatedSum mean = new CompensatedSum();
            for (int k = 0; k < n; k++) {
                double d = pred.get(k) / root - target.get(k) / root;
                mean.add(d * d);
            }
            return LossSupport.loss(mean.value());
        }
        return LossSupport.loss(r.reduce(sum, n));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor pred = Inputs.require(ID, inputs, "pred");
        Tensor target = Inputs.require(ID, inputs, "target");
        Inputs.requireSameShape(ID, "pred", pred, "target", target);
        Reduction r = Reduction.of(params);
        double g = LossSupport.dloss(ID, upstream);
        int n = pred.size();
        double[] dp = new double[n];
        double[] dt = new double[n];
        for (int k = 0; k < n; k++) {
            double d = pred.get(k) - target.get(k);
            double v;
            if (r == Reduction.SUM) {
                v = 2 * d * g;
            } else if (Double.isInfinite(d) && Double.isFinite(pred.get(k)) && Double.isFinite(target.get(k))) {
                v = 2 * (pred.get(k) / n - target.get(k) / n) * g; // the difference overflowed, d / n may not
            } else {
                v = 2 * (d / n) * g;
            }
            dp[k] = v;
            dt[k] = -v;
        }
        return Map.of("dpred", Tensor.wrap(pred.shape(), dp), "dtarget", Tensor.wrap(pred.shape(), dt));
    }
}
