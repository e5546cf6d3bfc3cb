package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * softmax / log_softmax forward and backward over one axis, in float. The tensor is seen as
 * (outer, len, inner); one work-item per row (outer * inner rows), three passes over the row:
 * max, sum of exp(x - max) (never overflows), output; log_softmax as (x - max) - log(sum), so
 * a large max does not round the result to its ulp, and log(sum) as log1p(sum without the
 * maximal term), which keeps full relative accuracy when one entry dominates (y near 0). Backward: softmax dx = y (dy - sum dy y),
 * log_softmax dx = dy - softmax(x) sum dy. A slice whose maximum is NaN or infinite is NaN
 * throughout (SPEC-EXTENSIONS 21); a lone -inf entry gives 0 (log_softmax -inf).
 */
public final class SoftmaxKernelF extends Kernel implements SoftmaxOps {
    public static final int SOFTMAX = 0;
    public static final int LOG_SOFTMAX = 1;
    public static final int SOFTMAX_BACKWARD = 2;
    public static final int LOG_SOFTMAX_BACKWARD = 3;

    public float[] x = new float[1];
    public float[] dy = new float[1];
    public float[] out = new float[1];
    public int rows;
    public int len;
    public int inner;
    public int mode;

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < rows) {
            int o = r / inner;
            int in = r % inner;
            int base = o * len * inner + in;
            float m = x[base];
            int am = 0;
            for (int j = 1; j < len; j++) {
                if (x[base + j * inner] > m) {
                    m = x[base + j * inner];
                    am = j;
                }
            }
            float rest = 0.0f;
            for (int j = 0; j < len; j++) {
                if (j != am) {
                    rest += exp(x[base + j * inner] - m);
                }
            }
            // a NaN, +inf or only -inf entries (m - m not 0) make the whole slice NaN, as the
            // reference and PyTorch (SPEC-EXTENSIONS 21): without this a row [+inf, -inf] would
            // give [NaN, 0], since the maximal term is left out of rest
            float mm = m - m;
            if (mm != 0.0f) {
                rest = mm;
            }
            float s = 1.0f + rest;
            float ls = log1p(rest);
            if (mode == SOFTMAX) {
                for (int j = 0; j < len; j++) {
                    out[base + j * inner] = exp(x[base + j * inner] - m) / s;
                }
            } else if (mode == LOG_SOFTMAX) {
                for (int j = 0; j < len; j++) {
                    out[base + j * inner] = (x[base + j * inner] - m) - ls;
                }
            } else if (mode == SOFTMAX_BACKWARD) {
                float dot = 0.0f;
                for (int j = 0; j < len; j++) {
                    dot += dy[base + j * inner] * (exp(x[base + j * inner] - m) / s);
                }
                for (int j = 0; j < len; j++) {
                    float y = exp(x[base + j * inner] - m) / s;
                    out[base + j * inner] = y * (dy[base + j * inner] - dot);
                }
            } else {
                float sd = 0.0f;
                for (int j = 0; j < len; j++) {
                    sd += dy[base + j * inner];
                }
                for (int j = 0; j < len; j++) {
                    out[base + j * inner] = dy[base + j * inner] - exp((x[base + j * inner] - m) - ls) * sd;
                }
            }
        }
    }

    @Override
    public double[] apply(int modeCode, double[] xs, double[] dys, int outer, int length, int innerSize) {
        x = Convert.narrow(xs);
        dy = dys == null ? new float[1] : Convert.narrow(dys);
        out = new float[Math.max(xs.length, 1)];
        rows = outer * innerSize;
        len = length;
        inner = innerSize;
        mode = modeCode;
        Gpu.run(this, rows);
        return Convert.widen(out, xs.length);
    }
}
