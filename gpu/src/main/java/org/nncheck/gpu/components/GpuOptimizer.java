package org.nncheck.gpu.components;

import java.util.Arrays;
import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.OptimizerKernelF;
import org.nncheck.gpu.kernel.OptimizerOps.Hyper;

/**
 * The optimizers (sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam) on
 * {@link OptimizerKernelF}: inputs w (any shape), grads (T, ...shape of w), optional lr (T);
 * output w (T, ...shape of w). One work-item per parameter element runs the T steps.
 */
public final class GpuOptimizer extends GpuComponent {
    private final int op;

    public GpuOptimizer(String id, Precision p) {
        super(id, p);
        op = switch (id) {
            case "sgd" -> OptimizerKernelF.SGD;
            case "momentum" -> OptimizerKernelF.MOMENTUM;
            case "nesterov" -> OptimizerKernelF.NESTEROV;
            case "adagrad" -> OptimizerKernelF.ADAGRAD;
            case "adadelta" -> OptimizerKernelF.ADADELTA;
            case "rmsprop" -> OptimizerKernelF.RMSPROP;
            case "adam" -> OptimizerKernelF.ADAM;
            default -> throw new IllegalArgumentException("no optimizer kernel for " + id);
        };
    }

    private double defaultLr() {
        return switch (id()) {
            case "adagrad", "rmsprop" -> 0.01;
            case "adadelta" -> 1.0;
            case "adam" -> 0.001;
            default -> Double.NaN;
        };
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params p) {
        Tensor w = in(inputs, "w");
        Tensor grads = in(inputs, "grads");
        int[] ws = w.shape();
        int[] gs = grads.shape();
        if (gs.length != ws.length + 1 || !Arrays.equals(Arrays.copyOfRange(gs, 1, gs.length), ws)) {
            throw new ContractException(id() + ": tensor 'grads' must have shape (T, " + Arrays.toString(ws).replaceAll("[\\[\\]]", "")
                    + "), got " + grads.shapeString());
        }
        int t = gs[0];
        double[] lrs = new double[t];
        Tensor lr = inputs.get("lr");
        if (lr != null) {
            if (lr.size() != t) {
                throw new ContractException(id() + ": tensor 'lr' must have shape [" + t + "], got " + lr.shapeString());
            }
            lrs = lr.toArray();
        } else {
            double v = num(p, "lr", defaultLr());
            if (Double.isNaN(v)) {
                throw new ContractException(id() + ": parameter 'lr' (or an 'lr' tensor) is required");
            }
            Arrays.fill(lrs, v);
        }
        boolean cs = choice(p, "form", "pytorch").equals("cs231n");
        double mom = switch (id()) {
            case "momentum", "nesterov" -> num(p, "momentum", 0.9);
            case "rmsprop" -> num(p, "momentum", 0);
            default -> 0;
        };
        double eps = switch (id()) {
            case "adagrad" -> num(p, "eps", 1e-10);
            case "adadelta" -> num(p, "eps", 1e-6);
            case "rmsprop", "adam" -> num(p, "eps", 1e-8);
            default -> 0;
        };
        Hyper h = new Hyper(mom, id().equals("momentum") ? num(p, "dampening", 0) : 0, num(p, "weight_decay", 0), cs ? 1 : 0, eps,
                id().equals("adagrad") ? num(p, "initial_accumulator_value", 0) : 0,
                id().equals("adagrad") ? num(p, "lr_decay", 0) : 0, id().equals("adadelta") ? num(p, "rho", 0.9) : 0,
                id().equals("rmsprop") ? num(p, "alpha", 0.99) : 0, bool(p, "eps_inside_sqrt", false) ? 1 : 0,
                bool(p, "centered", false) ? 1 : 0, num(p, "beta1", 0.9), num(p, "beta2", 0.999),
                bool(p, "decoupled_weight_decay", false) ? 1 : 0, bool(p, "amsgrad", false) ? 1 : 0,
                bool(p, "bias_correction", true) ? 1 : 0, choice(p, "eps_form", "standard").equals("hat") ? 1 : 0);
        double[] l = lrs;
        double[] outW = Kernels.optimizer(precision, k -> k.steps(op, w.toArray(), grads.toArray(), l, t, h));
        return Map.of("w", out(gs, outW));
    }
}
