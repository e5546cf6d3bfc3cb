package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * max/avg pooling in float, no padding, Ho = (H - ph) / s + 1. Forward: one work-item per
 * output. Backward as a gather: one work-item per input element summing over the windows that
 * cover it; max pool routes dy to the FIRST maximum of each window in row-major order (strict
 * {@code >} while scanning), as the SPEC says.
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
    public int ho;
    public int wo;

    private int argmax(int plane, int oh, int ow) {
        int best = (oh * s) * w + ow * s;
        float bv = x[plane * h * w + best];
        for (int i = 0; i < ph; i++) {
            for (int j = 0; j < pw; j++) {
                int idx = (oh * s + i) * w + ow * s + j;
                float v = x[plane * h * w + idx];
                if (v > bv) {
                    bv = v;
                    best = idx;
                }
            }
        }
        return best;
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
                    for (int a = 0; a < ph; a++) {
                        for (int b = 0; b < pw; b++) {
                            acc += x[plane * h * w + (oh * s + a) * w + ow * s + b];
                        }
                    }
                    out[i] = acc / (ph * pw);
                }
            } else {
                int iw = i % w;
                int ih = (i / w) % h;
                int plane = i / (w * h);
                int self = ih * w + iw;
                int ohLo = ih - ph + 1 <= 0 ? 0 : (ih - ph + s) / s;
                int ohHi = min(ih / s, ho - 1);
                int owLo = iw - pw + 1 <= 0 ? 0 : (iw - pw + s) / s;
                int owHi = min(iw / s, wo - 1);
                float acc = 0.0f;
                for (int oh = ohLo; oh <= ohHi; oh++) {
                    for (int ow = owLo; ow <= owHi; ow++) {
                        float g = dy[(plane * ho + oh) * wo + ow];
                        if (mode == AVG_BACKWARD) {
                            acc += g / (ph * pw);
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
    public double[] pool(int modeCode, double[] xs, double[] dys, int nc, int height, int width, int poolH, int poolW,
                         int stride, int outH, int outW) {
        x = Convert.narrow(xs);
        dy = dys == null ? new float[1] : Convert.narrow(dys);
        int size = modeCode <= AVG ? nc * outH * outW : nc * height * width;
        out = new float[Math.max(size, 1)];
        mode = modeCode;
        total = size;
        h = height;
        w = width;
        ph = poolH;
        pw = poolW;
        s = stride;
        ho = outH;
        wo = outW;
        Gpu.run(this, size);
        return Convert.widen(out, size);
    }
}
