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
    /** The kernel op of each optimizer entry id (the gpu registry's list). */
    private static final Map<String, Integer> OPS = Map.of(
            "sgd", OptimizerKernelF.SGD,
            "momentum", OptimizerKernelF.MOMENTUM,
            "nesterov", OptimizerKernelF.NESTEROV,
            "adagrad", OptimizerKernelF.ADAGRAD,
            "adadelta", OptimizerKernelF.ADADELTA,
            "rmsprop", OptimizerKernelF.RMSPROP,
            "adam", OptimizerKernelF.ADAM);

    /** The entry ids this class has a kernel for (registered by {@code GpuCatalogue}). */
    public static java.util.Set<String> ids() {
        return OPS.keySet();
    }

    private final int op;

    public GpuOptimizer(String id, Precision p) {
        super(id, p);
        Integer o = OPS.get(id);
        if (o == null) {
            throw new IllegalArgumentException("no optimizer kernel for " + id);
        }
        op = o;
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
            if (!p.has("lr")) {
                throw new ContractException(id() + ": parameter 'lr' (or an 'lr' tensor) is required");
            }
            Arrays.fill(lrs, p.getDouble("lr"));
        }
        boolean cs = p.has("form") && p.getChoice("form").equals("cs231n");
        Hyper h = new Hyper(numIfAny(p, "momentum", 0), numIfAny(p, "dampening", 0), numIfAny(p, "weight_decay", 0), cs ? 1 : 0,
                numIfAny(p, "eps", 0), numIfAny(p, "initial_accumulator_value", 0), numIfAny(p, "lr_decay", 0),
                numIfAny(p, "rho", 0), numIfAny(p, "alpha", 0), flagIfAny(p, "eps_inside_sqrt") ? 1 : 0,
                flagIfAny(p, "centered") ? 1 : 0, numIfAny(p, "beta1", 0), numIfAny(p, "beta2", 0),
                flagIfAny(p, "decoupled_weight_decay") ? 1 : 0, flagIfAny(p, "amsgrad") ? 1 : 0,
                flagIfAny(p, "bias_correction") ? 1 : 0, p.has("eps_form") && p.getChoice("eps_form").equals("hat") ? 1 : 0);
        double[] l = lrs;
        double[] outW = Kernels.optimizer(precision, k -> k.steps(op, w.toArray(), grads.toArray(), l, t, h));
        return Map.of("w", out(gs, outW));
    }
}
