package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * Register-blocked matrix product in float: C = op(A) op(B) (+ bias). Each work-item computes
 * {@value #RM} rows of one column of C in registers (eight accumulators), so every element of B
 * it loads is used {@value #RM} times and every element of A is shared by the {@value #LX}
 * work-items of its group (they all read the same A entries: one broadcast load per vector of
 * columns). Neighbouring work-items take neighbouring columns, so the loads of B are contiguous
 * and PoCL vectorizes the work-item loop across them. No local memory and no barriers: PoCL
 * emulates barriers on CPU threads, which made the earlier 16 x 16 local-memory tiles slower than
 * EJML (gpu/BENCHMARKS.md). Rows past m and columns past n are clamped on load and skipped on
 * store, so any m, n, k work (primes, sizes below the block).
 *
 * <p>Each output is accumulated in k order in float. Error bound (Higham, Accuracy and
 * Stability, 3.1): |C - fl(C)| <= k u sum |a||b|, typically sqrt(k) u sum |a||b|.
 *
 * <p>Output layouts: row-major (m x n), or for conv2d the NCHW layout of a (F, N*Ho*Wo) product
 * ({@code outHw = Ho*Wo > 0}: element (row f, column n*Ho*Wo + q) goes to y[n, f, q]). Bias:
 * none, per column (affine) or per row (conv2d's filters).
 */
public final class GemmKernelF extends Kernel implements GemmOps {
    /** Rows of C per work-item (the register block). */
    public static final int RM = 8;
    /** Work-items per group, along the columns of C. */
    public static final int LX = 64;

    public static final int BIAS_NONE = 0;
    public static final int BIAS_COLUMN = 1;
    public static final int BIAS_ROW = 2;

    public float[] a = new float[1];
    public float[] b = new float[1];
    public float[] bias = new float[1];
    public float[] c = new float[1];
    public int m;
    public int n;
    public int k;
    public int transA;
    public int transB;
    public int biasMode;
    public int outHw;

    private float aAt(int row, int kk) {
        return transA == 0 ? a[row * k + kk] : a[kk * m + row];
    }

    private float bAt(int kk, int col) {
        return transB == 0 ? b[kk * n + col] : b[col * k + kk];
    }

    private void store(int row, int col, float v) {
        if (row < m) {
            float s = v;
            if (biasMode == BIAS_COLUMN) {
                s += bias[col];
            } else if (biasMode == BIAS_ROW) {
                s += bias[row];
            }
            if (outHw == 0) {
                c[row * n + col] = s;
            } else {
                c[((col / outHw) * m + row) * outHw + col % outHw] = s;
            }
        }
    }

    @Override
    public void run() {
        int col = getGlobalId(0);
        int row = getGlobalId(1) * RM;
        int cc = min(col, n - 1);
        int r0 = min(row, m - 1);
        int r1 = min(row + 1, m - 1);
        int r2 = min(row + 2, m - 1);
        int r3 = min(row + 3, m - 1);
        int r4 = min(row + 4, m - 1);
        int r5 = min(row + 5, m - 1);
        int r6 = min(row + 6, m - 1);
        int r7 = min(row + 7, m - 1);
        float c0 = 0.0f;
        float c1 = 0.0f;
        float c2 = 0.0f;
        float c3 = 0.0f;
        float c4 = 0.0f;
        float c5 = 0.0f;
        float c6 = 0.0f;
        float c7 = 0.0f;
        if (transA == 0 && transB == 0) {
            for (int kk = 0; kk < k; kk++) {
                float bv = b[kk * n + cc];
                c0 += a[r0 * k + kk] * bv;
                c1 += a[r1 * k + kk] * bv;
                c2 += a[r2 * k + kk] * bv;
                c3 += a[r3 * k + kk] * bv;
                c4 += a[r4 * k + kk] * bv;
                c5 += a[r5 * k + kk] * bv;
                c6 += a[r6 * k + kk] * bv;
                c7 += a[r7 * k + kk] * bv;
            }
        } else {
            for (int kk = 0; kk < k; kk++) {
                float bv = bAt(kk, cc);
                c0 += aAt(r0, kk) * bv;
                c1 += aAt(r1, kk) * bv;
                c2 += aAt(r2, kk) * bv;
                c3 += aAt(r3, kk) * bv;
                c4 += aAt(r4, kk) * bv;
                c5 += aAt(r5, kk) * bv;
                c6 += aAt(r6, kk) * bv;
                c7 += aAt(r7, kk) * bv;
            }
        }
        if (col < n) {
            store(row, col, c0);
            store(row + 1, col, c1);
            store(row + 2, col, c2);
            store(row + 3, col, c3);
            store(row + 4, col, c4);
            store(row + 5, col, c5);
            store(row + 6, col, c6);
            store(row + 7, col, c7);
        }
    }

    private double[] go(double[] av, double[] bv, double[] biasValues, int rows, int cols, int depth, boolean ta0, boolean tb0,
                        int bias0, int hw) {
        a = Convert.narrow(av);
        b = Convert.narrow(bv);
        bias = biasValues == null ? new float[1] : Convert.narrow(biasValues);
        c = new float[Math.max(rows * cols, 1)];
        m = rows;
        n = cols;
        k = depth;
        transA = ta0 ? 1 : 0;
        transB = tb0 ? 1 : 0;
        biasMode = bias0;
        outHw = hw;
        Gpu.run2D(this, cols, (rows + RM - 1) / RM, LX, 1);
        return Convert.widen(c, rows * cols);
    }

    @Override
    public double[] gemm(double[] av, double[] bv, double[] biasValues, int rows, int cols, int depth, boolean ta0, boolean tb0) {
        return go(av, bv, biasValues, rows, cols, depth, ta0, tb0, biasValues == null ? BIAS_NONE : BIAS_COLUMN, 0);
    }

    @Override
    public double[] gemmNchw(double[] av, double[] bv, double[] rowBias, int rows, int cols, int depth, int hw) {
        return go(av, bv, rowBias, rows, cols, depth, false, false, BIAS_ROW, hw);
    }
}
