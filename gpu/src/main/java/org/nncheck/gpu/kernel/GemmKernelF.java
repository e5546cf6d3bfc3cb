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
 * <p>conv2d's im2col: B may be the im2col matrix of an image x (rows (channel, filter row, filter
 * column), columns (sample, output row, output column); padding reads as 0), or its transpose,
 * read through its index map instead of being stored: the forward is y = w im2col(x) + b, the
 * weight gradient dw = dY im2col(x)^T, and the product is written in x's NCHW order. This is the
 * only im2col of the module (col2im is {@link ConvKernelF}'s).
 *
 * <p>The eight-row update is written out in each of the three inner loops (plain, im2col, and the
 * general one with transposes): Aparapi has no macros, and a helper method cannot update the
 * caller's accumulators, which must stay in registers.
 *
 * <p>Each output is accumulated in k order in float. Error bound (Higham, Accuracy and
 * Stability, 3.1): |C - fl(C)| <= k u sum |a||b|, typically sqrt(k) u sum |a||b|.
 */
public final class GemmKernelF extends Kernel implements GemmOps {
    /** Rows of C per work-item (the register block). */
    public static final int RM = 8;
    /** Work-items per group, along the columns of C. */
    public static final int LX = 64;

    static final int BIAS_NONE = 0;
    static final int BIAS_COLUMN = 1;
    static final int BIAS_ROW = 2;

    static final int B_PLAIN = 0;
    static final int B_TRANSPOSED = 1;
    static final int B_IM2COL = 2;
    static final int B_IM2COL_TRANSPOSED = 3;

    public float[] a = new float[1];
    public float[] b = new float[1];
    public float[] bias = new float[1];
    public float[] c = new float[1];
    public int m;
    public int n;
    public int k;
    public int transA;
    public int bMode;
    public int biasMode;
    public int outHw;
    /** im2col geometry: channels of x, first channel of the group, image size, filter, stride, pad, dilation, output size. */
    public int cin;
    public int c0;
    public int ih;
    public int iw;
    public int kh;
    public int kw;
    public int st;
    public int pd;
    public int dl;
    public int oh;
    public int ow;

    private float aAt(int row, int kk) {
        return transA == 0 ? a[row * k + kk] : a[kk * m + row];
    }

    /** Element (r, q) of the im2col matrix of b: r = (channel, filter row, filter column), q = (sample, output pixel). */
    private float im2col(int r, int q) {
        int cl = r / (kh * kw);
        int fr = (r / kw) % kh;
        int fc = r % kw;
        int nn = q / (oh * ow);
        int y0 = ((q / ow) % oh) * st - pd + fr * dl;
        int x0 = (q % ow) * st - pd + fc * dl;
        float v = 0.0f;
        if (y0 >= 0 && y0 < ih && x0 >= 0 && x0 < iw) {
            v = b[((nn * cin + c0 + cl) * ih + y0) * iw + x0];
        }
        return v;
    }

    private float bAt(int kk, int col) {
        float v = 0.0f;
        if (bMode == B_PLAIN) {
            v = b[kk * n + col];
        } else if (bMode == B_TRANSPOSED) {
            v = b[col * k + kk];
        } else if (bMode == B_IM2COL) {
            v = im2col(kk, col);
        } else {
            v = im2col(col, kk);
        }
        return v;
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
        float c0v = 0.0f;
        float c1v = 0.0f;
        float c2v = 0.0f;
        float c3v = 0.0f;
        float c4v = 0.0f;
        float c5v = 0.0f;
        float c6v = 0.0f;
        float c7v = 0.0f;
        if (transA == 0 && bMode == B_PLAIN) {
            for (int kk = 0; kk < k; kk++) {
                float bv = b[kk * n + cc];
                c0v += a[r0 * k + kk] * bv;
                c1v += a[r1 * k + kk] * bv;
                c2v += a[r2 * k + kk] * bv;
                c3v += a[r3 * k + kk] * bv;
                c4v += a[r4 * k + kk] * bv;
                c5v += a[r5 * k + kk] * bv;
                c6v += a[r6 * k + kk] * bv;
                c7v += a[r7 * k + kk] * bv;
            }
        } else if (transA == 0 && bMode == B_IM2COL) {
            // the forward conv: loops over (channel, filter row, filter column) instead of dividing kk
            int nn = cc / (oh * ow);
            int y00 = ((cc / ow) % oh) * st - pd;
            int x00 = (cc % ow) * st - pd;
            int kk = 0;
            for (int cl = 0; cl < k / (kh * kw); cl++) {
                int plane = (nn * cin + c0 + cl) * ih;
                for (int fr = 0; fr < kh; fr++) {
                    int y0 = y00 + fr * dl;
                    for (int fc = 0; fc < kw; fc++) {
                        int x0 = x00 + fc * dl;
                        float bv = 0.0f;
                        if (y0 >= 0 && y0 < ih && x0 >= 0 && x0 < iw) {
                            bv = b[(plane + y0) * iw + x0];
                        }
                        c0v += a[r0 * k + kk] * bv;
                        c1v += a[r1 * k + kk] * bv;
                        c2v += a[r2 * k + kk] * bv;
                        c3v += a[r3 * k + kk] * bv;
                        c4v += a[r4 * k + kk] * bv;
                        c5v += a[r5 * k + kk] * bv;
                        c6v += a[r6 * k + kk] * bv;
                        c7v += a[r7 * k + kk] * bv;
                        kk++;
                    }
                }
            }
        } else {
            for (int kk = 0; kk < k; kk++) {
                float bv = bAt(kk, cc);
                c0v += aAt(r0, kk) * bv;
                c1v += aAt(r1, kk) * bv;
                c2v += aAt(r2, kk) * bv;
                c3v += aAt(r3, kk) * bv;
                c4v += aAt(r4, kk) * bv;
                c5v += aAt(r5, kk) * bv;
                c6v += aAt(r6, kk) * bv;
                c7v += aAt(r7, kk) * bv;
            }
        }
        if (col < n) {
            store(row, col, c0v);
            store(row + 1, col, c1v);
            store(row + 2, col, c2v);
            store(row + 3, col, c3v);
            store(row + 4, col, c4v);
            store(row + 5, col, c5v);
            store(row + 6, col, c6v);
            store(row + 7, col, c7v);
        }
    }

    private double[] go(double[] av, double[] bv, double[] biasValues, int rows, int cols, int depth, boolean ta0, int b0,
                        int bias0, int hw) {
        a = Convert.narrow(av);
        b = Convert.narrow(bv);
        bias = biasValues == null ? new float[1] : Convert.narrow(biasValues);
        c = new float[Math.max(rows * cols, 1)];
        m = rows;
        n = cols;
        k = depth;
        transA = ta0 ? 1 : 0;
        bMode = b0;
        biasMode = bias0;
        outHw = hw;
        Gpu.run2D(this, cols, (rows + RM - 1) / RM, LX, 1);
        return Convert.widen(c, rows * cols);
    }

    private void image(ConvOps.Geometry g, int firstChannel) {
        cin = g.c();
        c0 = firstChannel;
        ih = g.h();
        iw = g.w();
        kh = g.hh();
        kw = g.ww();
        st = g.s();
        pd = g.p();
        dl = g.d();
        oh = g.ho();
        ow = g.wo();
    }

    @Override
    public double[] gemm(double[] av, double[] bv, double[] biasValues, int rows, int cols, int depth, boolean ta0, boolean tb0) {
        return go(av, bv, biasValues, rows, cols, depth, ta0, tb0 ? B_TRANSPOSED : B_PLAIN,
                biasValues == null ? BIAS_NONE : BIAS_COLUMN, 0);
    }

    @Override
    public double[] convForward(double[] w, double[] x, double[] rowBias, int rows, ConvOps.Geometry g, int firstChannel,
                                int channels) {
        image(g, firstChannel);
        return go(w, x, rowBias, rows, g.colCols(), channels * g.hh() * g.ww(), false, B_IM2COL, BIAS_ROW, g.ho() * g.wo());
    }

    @Override
    public double[] convWeightGradient(double[] dy, double[] x, int rows, ConvOps.Geometry g, int firstChannel, int channels) {
        image(g, firstChannel);
        return go(dy, x, null, rows, channels * g.hh() * g.ww(), g.colCols(), false, B_IM2COL_TRANSPOSED, BIAS_NONE, 0);
    }
}
