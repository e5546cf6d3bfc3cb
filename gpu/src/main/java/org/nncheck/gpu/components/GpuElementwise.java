package org.nncheck.gpu.components;

import java.util.Map;
import java.util.function.ToIntFunction;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.ActivationKernelF;

/**
 * The element-wise activations on {@link ActivationKernelF} (and its double twin): y = f(x),
 * dx = dy f'(x), same conventions as the reference (relu'(0) = 0, leaky_relu'(0) = alpha, NaN
 * propagates through relu). {@link #ids()} are the one table of which entry ids have an element-wise
 * kernel op; the gpu registry ({@code GpuCatalogue}) registers one factory per id in it. The
 * kernel's {@code alpha} argument is the entry's parameter {@code alpha} where it has one.
 */
public final class GpuElementwise extends GpuComponent {

    /** The kernel op of each element-wise entry id, for the call's validated parameters. */
    private static final Map<String, ToIntFunction<Params>> OPS = Map.of(
            "sigmoid", p -> ActivationKernelF.SIGMOID,
            "tanh", p -> ActivationKernelF.TANH,
            "relu", p -> ActivationKernelF.RELU,
            "leaky_relu", p -> ActivationKernelF.LEAKY_RELU,
            "elu", p -> ActivationKernelF.ELU,
            "selu", p -> ActivationKernelF.SELU,
            "gelu", p -> p.getChoice("approximate").equals("tanh") ? ActivationKernelF.GELU_TANH : ActivationKernelF.GELU);

    /** The entry ids this class has a kernel for (registered by {@code GpuCatalogue}). */
    public static java.util.Set<String> ids() {
        return OPS.keySet();
    }

    private final ToIntFunction<Params> op;

    public GpuElementwise(String id, Precision precision) {
        super(id, precision);
        op = OPS.get(id);
        if (op == null) {
            throw new IllegalArgumentException("no element-wise kernel for " + id);
        }
    }

    private static double alpha(Params p) {
        return numIfAny(p, "alpha", 0.0);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        int op = this.op.applyAsInt(params);
        double[] y = Kernels.activation(precision,
                k -> k.apply(op, ActivationKernelF.FORWARD, x.toArray(), null, null, alpha(params), 1, 1, 1));
        return Map.of("y", out(x.shape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor dy = dy(upstream, "dy", x);
        int op = this.op.applyAsInt(params);
        double[] dx = Kernels.activation(precision,
                k -> k.apply(op, ActivationKernelF.BACKWARD, x.toArray(), dy.toArray(), null, alpha(params), 1, 1, 1));
        return Map.of("dx", out(x.shape(), dx));
    }

}
