package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * max/avg pooling in float with padding and ceil_mode windows (SPEC v1.1): window (oh, ow)
 * starts at row {@code oh*s - pad}, column {@code ow*s - pad}, and only its elements inside the
 * input take part (padding never wins a maximum; for the average it adds zeros). The average
 * divides by the window's elements inside input and padding ({@code countPad = 1}, which
 * leaves out the part of a ceil_mode window past the padded input, as PyTorch) or inside the
 * input only. The output size comes from the host (the reference's geometry). Forward: one
 * work-item per output. Backward as a gather: one work-item per input element summing over the
 * windows that cover it; max pool routes dy to the FIRST maximum of each window in row-major order
 * (strict {@code >} while scanning), as the SPEC says.
 */
public final class PoolKernelF extends Kernel implements PoolOps {
    public static final int MAX = 0;
    public static final int AVG = 1;
    public static final int MAX_BACKWARD = 2;
    public static final int AVG_BACKWARD = 3;

    public float[] x = new float[1];
    public float[] dy = new float[1];
    public float[] out = new float[1];
    public int mode;
    public int total;
    public int h;
    public int w;
    public int ph;
    public int pw;
    public int s;
    public int pad;
    public int countPad;
    public int ho;
    public int wo;

    /** Index within the plane of the first maximum of window (oh, ow) over its input elements. */
    private int argmax(int plane, int oh, int ow) {
        int r0 = max(0, oh * s - pad);
        int r1 = min(h, oh * s - pad + ph);
        int q0 = max(0, ow * s - pad);
        int q1 = min(w, ow * s - pad + pw);
        int best = r0 * w + q0;
        float bv = x[plane * h * w + best];
        for (int r = r0; r < r1; r++) {
            for (int q = q0; q < q1; q++) {
                int idx = r * w + q;
                float v = x[plane * h * w + idx];
                if (v > bv) {
                    bv = v;
                    best = idx;
                }
            }
        }
        return best;
    }

    /** The divisor of window (oh, ow). */
    private float divisor(int oh, int ow) {
        int r0 = oh * s - pad;
        int q0 = ow * s - pad;
        int rows = min(h, r0 + ph) - max(0, r0);
        int cols = min(w, q0 + pw) - max(0, q0);
        if (countPad == 1) {
            rows = min(r0 + ph, h + pad) - r0;
            cols = min(q0 + pw, w + pad) - q0;
        }
        return (float) (rows * cols);
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < total) {
            if (mode == MAX || mode == AVG) {
                int ow = i % wo;
                int oh = (i / wo) % ho;
                int plane = i / (wo * ho);
                if (mode == MAX) {
                    out[i] = x[plane * h * w + argmax(plane, oh, ow)];
                } else {
                    float acc = 0.0f;
                    for (int r = max(0, oh * s - pad); r < min(h, oh * s - pad + ph); r++) {
                        for (int q = max(0, ow * s - pad); q < min(w, ow * s - pad + pw); q++) {
                            acc += x[plane * h * w + r * w + q];
                        }
                    }
                    out[i] = acc / divisor(oh, ow);
                }
            } else {
                int iw = i % w;
                int ih = (i / w) % h;
                int plane = i / (w * h);
                int self = ih * w + iw;
                // windows oh with oh*s - pad <= ih < oh*s - pad + ph
                int th = ih + pad - ph + 1;
                int ohLo = th <= 0 ? 0 : (th + s - 1) / s;
                int ohHi = min((ih + pad) / s, ho - 1);
                int tw = iw + pad - pw + 1;
                int owLo = tw <= 0 ? 0 : (tw + s - 1) / s;
                int owHi = min((iw + pad) / s, wo - 1);
                float acc = 0.0f;
                for (int oh = ohLo; oh <= ohHi; oh++) {
                    for (int ow = owLo; ow <= owHi; ow++) {
                        float g = dy[(plane * ho + oh) * wo + ow];
                        if (mode == AVG_BACKWARD) {
                            acc += g / divisor(oh, ow);
                        } else if (argmax(plane, oh, ow) == self) {
                            acc += g;
                        }
                    }
                }
                out[i] = acc;
            }
        }
    }

    @Override
    public double[] pool(int modeCode, double[] xs, double[] dys, Geometry g) {
        x = Convert.narrow(xs);
        dy = dys == null ? new float[1] : Convert.narrow(dys);
        int nc = g.nc();
        int size = modeCode <= AVG ? nc * g.ho() * g.wo() : nc * g.h() * g.w();
        out = new float[Math.max(size, 1)];
        mode = modeCode;
        total = size;
        h = g.h();
        w = g.w();
        ph = g.ph();
        pw = g.pw();
        s = g.s();
        pad = g.pad();
        countPad = g.countPad() ? 1 : 0;
        ho = g.ho();
        wo = g.wo();
        Gpu.run(this, size);
        return Convert.widen(out, size);
    }
}
