package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.NormKernelF;
import org.nncheck.gpu.kernel.ReduceKernelF;

/**
 * max_norm: a projection, not a loss. The L2 norm of each slice along {@code axis} (default 0:
 * for w (D,M), the norm of each column over its D entries) by the segmented reduction (sum of
 * squares), then w scaled by min(1, c / norm) per slice with the element-wise kernel. Supported
 * axes: the first or the last (every SPEC weight layout); others are a ContractException.
 */
public final class GpuMaxNorm extends GpuComponent {
    public GpuMaxNorm(Precision p) {
        super("max_norm", p);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor w = in(inputs, "w");
        double c = params.getDouble("c");
        if (!(c > 0)) {
            throw new ContractException("max_norm: parameter 'c' must be > 0, got " + c);
        }
        if (w.rank() == 0) {
            throw new ContractException("max_norm: tensor 'w' must have rank >= 1, got " + w.shapeString());
        }
        int axis = w.normalizeAxis(params.getInt("axis"));
        int[] s = w.shape();
        int a = s[axis];
        int segs;
        int inner;
        if (axis == 0) {
            segs = w.size() / Math.max(1, a);
            inner = 1;
        } else if (axis == s.length - 1) {
            segs = w.size() / Math.max(1, a);
            inner = a;
        } else {
            return Map.of("w", out(s, middleAxis(w.toArray(), s, axis, c)));
        }
        double[] ws = w.toArray();
        int sg = segs;
        int in = inner;
        double[] ss = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM_PRODUCT, ws, ws, null, sg, a, in));
        double[] factor = new double[segs];
        double[] zero = new double[segs];
        for (int i = 0; i < segs; i++) {
            double norm = Math.sqrt(ss[i]);
            factor[i] = norm > c ? precision.round(c / norm) : 1.0;
        }
        // the norm kernel's y = gamma (x - mean) rstd + beta with mean 0, rstd = factor, gamma 1, beta 0
        double[] y = Kernels.norm(precision, k -> k.norm(NormKernelF.FORWARD, ws, null, zero, factor, new double[] {1},
                new double[] {0}, null, null, sg, axis == 0 ? 1 : a, 1, 1, a));
        return Map.of("w", out(s, y));
    }

    /** A middle axis: w seen as (P, A, Q); one reduction per p over its (A, Q) slice, factors expanded per element. */
    private double[] middleAxis(double[] ws, int[] s, int axis, double c) {
        int p = 1;
        for (int i = 0; i < axis; i++) {
            p *= s[i];
        }
        int a = s[axis];
        int q = tail(s, axis + 1);
        double[] aux = new double[ws.length];
        for (int pi = 0; pi < p; pi++) {
            double[] slice = java.util.Arrays.copyOfRange(ws, pi * a * q, (pi + 1) * a * q);
            double[] ss = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM_PRODUCT, slice, slice, null, q, a, 1));
            for (int qi = 0; qi < q; qi++) {
                double norm = Math.sqrt(ss[qi]);
                double f = norm > c ? precision.round(c / norm) : 1.0;
                for (int ai = 0; ai < a; ai++) {
                    aux[(pi * a + ai) * q + qi] = f;
                }
            }
        }
        return Kernels.activation(precision, k -> k.apply(org.nncheck.gpu.kernel.ActivationKernelF.DROPOUT,
                org.nncheck.gpu.kernel.ActivationKernelF.FORWARD, ws, null, aux, 0, 1, 1, 1));
    }
}
