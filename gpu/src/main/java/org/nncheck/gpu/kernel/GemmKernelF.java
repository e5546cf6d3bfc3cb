package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * Tiled matrix product in float: C = op(A) op(B) (+ bias), 16 x 16 work-groups, each staging a
 * 16 x 16 tile of A and of B in local memory per step along k (zero-padded at the edges, so
 * any m, n, k work: primes, sizes below the tile). One output per work-item, accumulated in
 * k order. Error bound (Higham, Accuracy and Stability, 3.1): |C - fl(C)| <= k u sum |a||b|,
 * typically sqrt(k) u sum |a||b|.
 */
public final class GemmKernelF extends Kernel implements GemmOps {
    public static final int T = 16;

    public float[] a = new float[1];
    public float[] b = new float[1];
    public float[] bias = new float[1];
    public float[] c = new float[1];
    @Local public float[] ta = new float[T * T];
    @Local public float[] tb = new float[T * T];
    public int m;
    public int n;
    public int k;
    public int transA;
    public int transB;
    public int hasBias;

    @Override
    public void run() {
        int col = getGlobalId(0);
        int row = getGlobalId(1);
        int lc = getLocalId(0);
        int lr = getLocalId(1);
        float acc = 0.0f;
        int tiles = (k + T - 1) / T;
        for (int t = 0; t < tiles; t++) {
            int ak = t * T + lc;
            float av = 0.0f;
            if (row < m && ak < k) {
                if (transA == 0) {
                    av = a[row * k + ak];
                } else {
                    av = a[ak * m + row];
                }
            }
            ta[lr * T + lc] = av;
            int bk = t * T + lr;
            float bv = 0.0f;
            if (bk < k && col < n) {
                if (transB == 0) {
                    bv = b[bk * n + col];
                } else {
                    bv = b[col * k + bk];
                }
            }
            tb[lr * T + lc] = bv;
            localBarrier();
            for (int q = 0; q < T; q++) {
                acc += ta[lr * T + q] * tb[q * T + lc];
            }
            localBarrier();
        }
        if (row < m && col < n) {
            if (hasBias == 1) {
                acc += bias[col];
            }
            c[row * n + col] = acc;
        }
    }

    @Override
    public double[] gemm(double[] av, double[] bv, double[] biasValues, int rows, int cols, int depth, boolean ta0,
                         boolean tb0) {
        a = Convert.narrow(av);
        b = Convert.narrow(bv);
        bias = biasValues == null ? new float[1] : Convert.narrow(biasValues);
        c = new float[Math.max(rows * cols, 1)];
        ta = new float[T * T];
        tb = new float[T * T];
        m = rows;
        n = cols;
        k = depth;
        transA = ta0 ? 1 : 0;
        transB = tb0 ? 1 : 0;
        hasBias = biasValues == null ? 0 : 1;
        Gpu.run2D(this, cols, rows, T, T);
        return Convert.widen(c, rows * cols);
    }
}
