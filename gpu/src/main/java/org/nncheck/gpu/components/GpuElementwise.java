package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.ActivationKernelF;

/**
 * The element-wise activations sigmoid, tanh, relu, leaky_relu, elu, selu, gelu on
 * {@link ActivationKernelF} (and its double twin): y = f(x), dx = dy f'(x), same conventions as
 * the reference (relu'(0) = 0, leaky_relu'(0) = alpha, NaN propagates through relu).
 */
public final class GpuElementwise extends GpuComponent {

    public GpuElementwise(String id, Precision precision) {
        super(id, precision);
        opCode(new java.util.HashMap<>());
    }

    private int opCode(Map<String, Object> paramsView) {
        return switch (id()) {
            case "sigmoid" -> ActivationKernelF.SIGMOID;
            case "tanh" -> ActivationKernelF.TANH;
            case "relu" -> ActivationKernelF.RELU;
            case "leaky_relu" -> ActivationKernelF.LEAKY_RELU;
            case "elu" -> ActivationKernelF.ELU;
            case "selu" -> ActivationKernelF.SELU;
            case "gelu" -> "tanh".equals(String.valueOf(paramsView.get("approximate")))
                    ? ActivationKernelF.GELU_TANH : ActivationKernelF.GELU;
            default -> throw new IllegalArgumentException("no element-wise kernel for " + id());
        };
    }

    private double alpha(Params p) {
        return switch (id()) {
            case "leaky_relu" -> num(p, "alpha", 0.01);
            case "elu" -> num(p, "alpha", 1.0);
            default -> 0.0;
        };
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        if (id().equals("gelu")) {
            choice(params, "approximate", "none", "none", "tanh");
        }
        int op = opCode(params.asMap());
        double[] y = Kernels.activation(precision,
                k -> k.apply(op, ActivationKernelF.FORWARD, x.toArray(), null, null, alpha(params), 1, 1, 1));
        return Map.of("y", out(x.shape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor dy = dy(upstream, "dy", x);
        int op = opCode(params.asMap());
        double[] dx = Kernels.activation(precision,
                k -> k.apply(op, ActivationKernelF.BACKWARD, x.toArray(), dy.toArray(), null, alpha(params), 1, 1, 1));
        return Map.of("dx", out(x.shape(), dx));
    }

    @Override
    public Kinks kinks() {
        return switch (id()) {
            case "relu", "leaky_relu", "elu" -> Kinks.atPoints("x", 0.0);
            default -> Kinks.NONE;
        };
    }
}
