package org.nncheck.gpu.components;

import java.util.Arrays;
import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.MaxoutKernelF;

/**
 * maxout: x (N,D), w (K,D,M), b (K,M); y (N,M) = max_k (x w_k + b_k). The K pieces by the tiled
 * GEMM, the selection and the backward routing (first maximal piece) by {@link MaxoutKernelF};
 * dx = sum_k dZ_k w_k^T (K GEMMs, summed by the segmented reduction), dw_k = x^T dZ_k,
 * db_k = sum_n dZ_k.
 */
public final class GpuMaxout extends GpuComponent {
    public GpuMaxout(Precision p) {
        super("maxout", p);
    }

    private int[] dims(Tensor x, Tensor w, Tensor b) {
        Inputs.requireRank(id(), "x", x, 2);
        Inputs.requireRank(id(), "w", w, 3);
        if (w.dim(1) != x.dim(1)) {
            throw new ContractException("maxout: tensor 'w' " + w.shapeString() + " must be (K, D, M) with D = " + x.dim(1)
                    + " as in 'x' " + x.shapeString());
        }
        Inputs.requireShape(id(), "b", b, w.dim(0), w.dim(2));
        return new int[] {x.dim(0), x.dim(1), w.dim(0), w.dim(2)};
    }

    private double[] pieces(double[] x, double[] w, double[] b, int n, int d, int k, int m) {
        double[] z = new double[k * n * m];
        for (int p = 0; p < k; p++) {
            double[] wk = Arrays.copyOfRange(w, p * d * m, (p + 1) * d * m);
            double[] bk = Arrays.copyOfRange(b, p * m, (p + 1) * m);
            double[] zk = Kernels.gemm(precision, x, wk, bk, n, m, d, false, false);
            System.arraycopy(zk, 0, z, p * n * m, n * m);
        }
        return z;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        int[] s = dims(x, w, b);
        double[] z = pieces(x.toArray(), w.toArray(), b.toArray(), s[0], s[1], s[2], s[3]);
        double[] y = Kernels.maxout(precision, k -> k.select(MaxoutKernelF.FORWARD, z, null, s[2], s[0] * s[3]));
        return Map.of("y", out(new int[] {s[0], s[3]}, y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        int[] s = dims(x, w, b);
        int n = s[0];
        int d = s[1];
        int kk = s[2];
        int m = s[3];
        Tensor dy = upstream.get("dy");
        if (dy == null) {
            throw new ContractException("maxout: missing upstream gradient 'dy'");
        }
        Inputs.requireShape(id(), "dy", dy, n, m);
        double[] xs = x.toArray();
        double[] ws = w.toArray();
        double[] z = pieces(xs, ws, b.toArray(), n, d, kk, m);
        double[] dz = Kernels.maxout(precision, k -> k.select(MaxoutKernelF.BACKWARD, z, dy.toArray(), kk, n * m));
        double[] dxk = new double[kk * n * d];
        double[] dw = new double[kk * d * m];
        double[] db = new double[kk * m];
        for (int p = 0; p < kk; p++) {
            double[] dzk = Arrays.copyOfRange(dz, p * n * m, (p + 1) * n * m);
            double[] wk = Arrays.copyOfRange(ws, p * d * m, (p + 1) * d * m);
            System.arraycopy(Kernels.gemm(precision, dzk, wk, null, n, d, m, false, true), 0, dxk, p * n * d, n * d);
            System.arraycopy(Kernels.gemm(precision, xs, dzk, null, d, m, n, true, false), 0, dw, p * d * m, d * m);
            System.arraycopy(Kernels.sum(precision, dzk, m, n, 1), 0, db, p * m, m);
        }
        double[] dx = Kernels.sum(precision, dxk, n * d, kk, 1);
        return Map.of("dx", out(x.shape(), dx), "dw", out(w.shape(), dw), "db", out(b.shape(), db));
    }

}
