package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * conv2d data movement in float: the gather form of col2im (each input element sums the column
 * entries of the windows that cover it, with padding and dilation: deterministic, no atomics),
 * and the (N,F,Ho,Wo) -> (F, N*Ho*Wo) permutation of the upstream gradient. The arithmetic runs
 * in {@link GemmKernelF}, which reads the im2col matrix of x through its index map.
 */
public final class ConvKernelF extends Kernel implements ConvOps {
    public static final int COL2IM = 1;
    public static final int FROM_NCHW = 2;

    public float[] in = new float[1];
    public float[] out = new float[1];
    public int mode;
    public int total;
    public int nb;
    public int ch;
    public int h;
    public int w;
    public int f;
    public int hh;
    public int ww;
    public int s;
    public int p;
    public int dl;
    public int ho;
    public int wo;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) {
            int hw = ho * wo;
            int ncols = nb * hw;
            if (mode == COL2IM) {
                int iw = i % w;
                int ih = (i / w) % h;
                int cc = (i / (w * h)) % ch;
                int nn = i / (w * h * ch);
                float acc = 0.0f;
                for (int kh = 0; kh < hh; kh++) {
                    int th = ih + p - kh * dl;
                    if (th >= 0 && th % s == 0 && th / s < ho) {
                        int oh = th / s;
                        for (int kw = 0; kw < ww; kw++) {
                            int tw = iw + p - kw * dl;
                            if (tw >= 0 && tw % s == 0 && tw / s < wo) {
                                int ow = tw / s;
                                acc += in[((cc * hh + kh) * ww + kw) * ncols + nn * hw + oh * wo + ow];
                            }
                        }
                    }
                }
                out[i] = acc;
            } else {
                int col = i % ncols;
                int ff = i / ncols;
                int nn = col / hw;
                int q = col % hw;
                out[i] = in[(nn * f + ff) * hw + q];
            }
        }
    }

    private double[] go(int modeCode, double[] values, Geometry g, int size) {
        in = Convert.narrow(values);
        out = new float[Math.max(size, 1)];
        mode = modeCode;
        total = size;
        nb = g.n();
        ch = g.c();
        h = g.h();
        w = g.w();
        f = g.f();
        hh = g.hh();
        ww = g.ww();
        s = g.s();
        p = g.p();
        dl = g.d();
        ho = g.ho();
        wo = g.wo();
        Gpu.run(this, size);
        return Convert.widen(out, size);
    }

    @Override
    public double[] col2im(double[] cols, Geometry g) {
        return go(COL2IM, cols, g, g.n() * g.c() * g.h() * g.w());
    }

    @Override
    public double[] fromNchw(double[] y, Geometry g) {
        return go(FROM_NCHW, y, g, g.f() * g.colCols());
    }
}
