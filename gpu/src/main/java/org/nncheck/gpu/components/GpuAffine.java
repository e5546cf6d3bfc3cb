package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.GemmKernelF;

/**
 * affine (x (N, D...) flattened to (N,D), w (D,M), b (M)) and dropconnect (the same with w
 * replaced by w * mask / (1 - p) in training) on the tiled {@link GemmKernelF}:
 * y = x w + b; dx = dy w^T; dw = x^T dy (times mask / (1 - p) for dropconnect); db = sum_n dy
 * (segmented reduction).
 */
public final class GpuAffine extends GpuComponent {
    private final boolean dropconnect;

    public GpuAffine(boolean dropconnect, Precision p) {
        super(dropconnect ? "dropconnect" : "affine", p);
        this.dropconnect = dropconnect;
    }

    private record Dims(int n, int d, int m) {
    }

    private Dims dims(Tensor x, Tensor w, Tensor b) {
        if (x.rank() < 1) {
            throw new ContractException(id() + ": tensor 'x' must have rank >= 1, got " + x.shapeString());
        }
        int n = x.dim(0);
        int d = tail(x.shape(), 1);
        Inputs.requireRank(id(), "w", w, 2);
        if (w.dim(0) != d) {
            throw new ContractException(id() + ": tensor 'w' must have shape [" + d + ", M] to match x " + x.shapeString()
                    + ", got " + w.shapeString());
        }
        int m = w.dim(1);
        Inputs.requireShape(id(), "b", b, m);
        return new Dims(n, d, m);
    }

    /** Effective weight factor per element: mask / (1 - p) in dropconnect training, else null (w as is). */
    private double[] effective(Map<String, Tensor> inputs, Params p, Tensor w) {
        if (!dropconnect || !p.getBool("training")) {
            return null;
        }
        Tensor mask = in(inputs, "mask");
        Inputs.requireSameShape(id(), "w", w, "mask", mask);
        double drop = p.getDouble("p");
        if (!(drop >= 0 && drop < 1)) {
            throw new ContractException(id() + ": parameter 'p' must be in [0, 1), got " + drop);
        }
        double scale = 1.0 / (1.0 - drop);
        return Kernels.activation(precision, k -> k.apply(org.nncheck.gpu.kernel.ActivationKernelF.DROPOUT,
                org.nncheck.gpu.kernel.ActivationKernelF.FORWARD, w.toArray(), null, mask.toArray(), 0, scale, 1, 1));
    }

    private double[] maskScale(Map<String, Tensor> inputs, Params p, double[] v) {
        Tensor mask = in(inputs, "mask");
        double scale = 1.0 / (1.0 - p.getDouble("p"));
        return Kernels.activation(precision, k -> k.apply(org.nncheck.gpu.kernel.ActivationKernelF.DROPOUT,
                org.nncheck.gpu.kernel.ActivationKernelF.FORWARD, v, null, mask.toArray(), 0, scale, 1, 1));
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        Dims s = dims(x, w, b);
        double[] we = effective(inputs, params, w);
        double[] wv = we == null ? w.toArray() : we;
        double[] y = Kernels.gemm(precision, x.toArray(), wv, b.toArray(), s.n, s.m, s.d, false, false);
        return Map.of("y", out(new int[] {s.n, s.m}, y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        Dims s = dims(x, w, b);
        Tensor dy = upstream.get("dy");
        if (dy == null) {
            throw new ContractException(id() + ": missing upstream gradient 'dy'");
        }
        Inputs.requireShape(id(), "dy", dy, s.n, s.m);
        double[] we = effective(inputs, params, w);
        double[] wv = we == null ? w.toArray() : we;
        double[] dx = Kernels.gemm(precision, dy.toArray(), wv, null, s.n, s.d, s.m, false, true);
        double[] dw = Kernels.gemm(precision, x.toArray(), dy.toArray(), null, s.d, s.m, s.n, true, false);
        if (we != null) {
            dw = maskScale(inputs, params, dw);
        }
        double[] db = Kernels.sum(precision, dy.toArray(), s.m, s.n, 1);
        return Map.of("dx", out(x.shape(), dx), "dw", out(w.shape(), dw), "db", out(b.shape(), db));
    }
}
