package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.ActivationKernelF;

/**
 * dropout with the mask as an input (1 keep, 0 drop) and p the DROP probability: training
 * y = x mask / (1 - p) (inverted) or x mask; evaluation y = x (inverted) or x (1 - p);
 * dx = dy times the same factor. One element-wise kernel.
 */
public final class GpuDropout extends GpuComponent {
    public GpuDropout(Precision p) {
        super("dropout", p);
    }

    private double[] apply(Map<String, Tensor> inputs, Params params, double[] v, Tensor x) {
        double p = params.getDouble("p");
        boolean inverted = params.getBool("inverted");
        boolean training = params.getBool("training");
        if (!(p >= 0 && p <= 1) || (training && inverted && p == 1)) {
            throw new ContractException("dropout: parameter 'p' must be in [0, 1) (the drop probability), got " + p);
        }
        double[] mask;
        double scale;
        if (training) {
            Tensor m = in(inputs, "mask");
            Inputs.requireSameShape(id(), "x", x, "mask", m);
            mask = m.toArray();
            scale = inverted ? 1.0 / (1.0 - p) : 1.0;
        } else {
            mask = new double[v.length];
            java.util.Arrays.fill(mask, 1.0);
            scale = inverted ? 1.0 : 1.0 - p;
        }
        double s = scale;
        return Kernels.activation(precision, k -> k.apply(ActivationKernelF.DROPOUT, ActivationKernelF.FORWARD, v, null, mask, 0, s, 1, 1));
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        return Map.of("y", out(x.shape(), apply(inputs, params, x.toArray(), x)));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor dy = dy(upstream, "dy", x);
        return Map.of("dx", out(x.shape(), apply(inputs, params, dy.toArray(), x)));
    }
}
