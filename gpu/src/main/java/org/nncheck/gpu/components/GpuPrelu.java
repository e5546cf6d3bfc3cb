package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.ActivationKernelF;

/**
 * prelu: y = x if x > 0 else alpha_c x; alpha of shape (1) shared or (C) per channel on axis 1.
 * dx = dy (x > 0 ? 1 : alpha_c); dalpha_c = sum over the channel of dy x where x <= 0 (an
 * element-wise kernel for the terms, a segmented reduction for the sums).
 */
public final class GpuPrelu extends GpuComponent {
    public GpuPrelu(Precision p) {
        super("prelu", p);
    }

    private record Layout(int channels, int inner, int outer) {
    }

    private Layout layout(Tensor x, Tensor alpha) {
        int c = alpha.size();
        if (c == 1) {
            return new Layout(1, 1, x.size());
        }
        if (x.rank() < 2 || x.dim(1) != c) {
            throw new ContractException("prelu: tensor 'alpha' of shape " + alpha.shapeString()
                    + " must have 1 value or one per channel (axis 1) of 'x' " + x.shapeString());
        }
        int inner = tail(x.shape(), 2);
        return new Layout(c, inner, x.dim(0));
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Tensor a = in(inputs, "alpha");
        Layout l = layout(x, a);
        double[] y = Kernels.activation(precision, k -> k.apply(ActivationKernelF.PRELU, ActivationKernelF.FORWARD,
                x.toArray(), null, a.toArray(), 0, 1, l.inner, l.channels));
        return Map.of("y", out(x.shape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor a = in(inputs, "alpha");
        Tensor dy = dy(upstream, "dy", x);
        Layout l = layout(x, a);
        double[] dx = Kernels.activation(precision, k -> k.apply(ActivationKernelF.PRELU, ActivationKernelF.BACKWARD,
                x.toArray(), dy.toArray(), a.toArray(), 0, 1, l.inner, l.channels));
        double[] terms = Kernels.activation(precision, k -> k.apply(ActivationKernelF.PRELU,
                ActivationKernelF.PRELU_DALPHA, x.toArray(), dy.toArray(), a.toArray(), 0, 1, l.inner, l.channels));
        double[] da = l.channels == 1 ? Kernels.sum(precision, terms, 1, terms.length, terms.length)
                : Kernels.sum(precision, terms, l.channels, l.outer * l.inner, l.inner);
        return Map.of("dx", out(x.shape(), dx), "dalpha", out(a.shape(), da));
    }

}
