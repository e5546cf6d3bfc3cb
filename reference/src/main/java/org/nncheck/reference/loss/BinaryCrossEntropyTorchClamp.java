package org.nncheck.reference.loss;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (not the reference) to {@code binary_cross_entropy}: PyTorch's clamped
 * evaluation. PyTorch ({@code aten/src/ATen/native/Loss.cpp}, {@code binary_cross_entropy_out_cpu}
 * and the CUDA kernel, documented in {@code torch.nn.BCELoss}: "our solution is that BCELoss
 * clamps its log function outputs to be greater than or equal to -100") computes
 * {@code l = (t - 1) * max(log(1 - p), -100) - t * max(log p, -100)} and the gradient
 * {@code (p - t) / max(p (1 - p), 1e-12)}. It agrees with the reference for p away from 0 and 1
 * (log p &gt; -100, i.e. p &gt; 3.7e-44, and p (1 - p) &gt; 1e-12) and differs where the true loss
 * is infinite or the gradient huge.
 */
public final class BinaryCrossEntropyTorchClamp implements Component {

    /** PyTorch's lower bound for each log term. */
    public static final double LOG_CLAMP = -100;
    /** PyTorch's lower bound for the gradient's denominator (EPSILON in Loss.cpp). */
    public static final double GRAD_EPSILON = 1e-12;

    @Override
    public String id() {
        return BinaryCrossEntropy.ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor[] pt = BinaryCrossEntropy.validated(id(), inputs);
        double sum = 0;
        for (int k = 0; k < pt[0].size(); k++) {
            double p = pt[0].get(k);
            double t = pt[1].get(k);
            sum += (t - 1) * Math.max(Math.log1p(-p), LOG_CLAMP) - t * Math.max(Math.log(p), LOG_CLAMP);
        }
        return LossSupport.loss(Reduction.of(params).reduce(sum, pt[0].size()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor[] pt = BinaryCrossEntropy.validated(id(), inputs);
        double g = LossSupport.dloss(id(), upstream) * Reduction.of(params).factor(pt[0].size());
        double[] d = new double[pt[0].size()];
        for (int k = 0; k < d.length; k++) {
            double p = pt[0].get(k);
            double t = pt[1].get(k);
            d[k] = g * (p - t) / Math.max((1 - p) * p, GRAD_EPSILON);
        }
        return Map.of("dprobs", Tensor.wrap(pt[0].shape(), d));
    }
}
