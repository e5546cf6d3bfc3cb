package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * Segmented sums in float: one work-group of {@link #WG} work-items per segment. Each
 * work-item accumulates its strided share with Kahan compensation, then the group adds the
 * partial sums in a pairwise tree in local memory, carrying the rounding error of every
 * addition (Knuth's TwoSum) and the work-items' compensations alongside, added at the end.
 * Error of a sum of L terms: about 2u |sum| + O(L u^2) sum|terms| (compensated summation,
 * Higham, Accuracy and Stability, 4.3), so cancelling sums (gamma gradients) stay accurate.
 * Used for losses (total), bias gradients, batch/layer/instance/group statistics (two-pass:
 * mean first, then the sum of squared deviations from it), prelu's dalpha, gamma/beta grads.
 * A sum that reaches an infinity or NaN is that value, uncompensated (an infinite sum stays
 * infinite, as the reference's {@code CompensatedSum}).
 */
public final class ReduceKernelF extends Kernel implements ReduceOps {
    public static final int WG = 64;
    public static final int SUM = 0;
    public static final int SUM_SQ_DEV = 1;
    public static final int SUM_PRODUCT = 2;
    public static final int SUM_ABS = 3;

    public float[] v1 = new float[1];
    public float[] v2 = new float[1];
    public float[] center = new float[1];
    public float[] out = new float[1];
    @Local public float[] partial = new float[WG];
    @Local public float[] partialComp = new float[WG];
    public int segs;
    public int len;
    public int inner;
    public int mode;

    @Override
    public void run() {
        int s = getGroupId();
        int l = getLocalId();
        float sum = 0.0f;
        float comp = 0.0f;
        if (s < segs) {
            float c = 0.0f;
            if (mode == SUM_SQ_DEV) {
                c = center[s];
            }
            for (int j = l; j < len; j += WG) {
                int idx = (j / inner) * (segs * inner) + s * inner + (j % inner);
                float t = v1[idx];
                if (mode == SUM_SQ_DEV) {
                    t = (t - c) * (t - c);
                } else if (mode == SUM_PRODUCT) {
                    t = t * v2[idx];
                } else if (mode == SUM_ABS) {
                    t = abs(t);
                }
                float yk = t - comp;
                float tk = sum + yk;
                // no compensation once the sum is infinite or NaN: (inf - inf) would turn an
                // infinite sum into NaN (as the reference's CompensatedSum)
                comp = tk - tk == 0.0f ? (tk - sum) - yk : 0.0f;
                sum = tk;
            }
        }
        partial[l] = sum;
        partialComp[l] = -comp;
        localBarrier();
        for (int w = WG / 2; w > 0; w = w / 2) {
            if (l < w) {
                float s1 = partial[l];
                float s2 = partial[l + w];
                float t = s1 + s2;
                float bp = t - s1;
                float err = t - t == 0.0f ? (s1 - (t - bp)) + (s2 - bp) : 0.0f;
                partial[l] = t;
                partialComp[l] = partialComp[l] + partialComp[l + w] + err;
            }
            localBarrier();
        }
        if (l == 0 && s < segs) {
            float total = partial[0];
            out[s] = total - total == 0.0f ? total + partialComp[0] : total;
        }
    }

    @Override
    public double[] reduce(int modeCode, double[] a, double[] b, double[] c, int segments, int length, int innerSize) {
        v1 = Convert.narrow(a);
        v2 = b == null ? new float[1] : Convert.narrow(b);
        center = c == null ? new float[1] : Convert.narrow(c);
        out = new float[Math.max(segments, 1)];
        partial = new float[WG];
        partialComp = new float[WG];
        segs = segments;
        len = length;
        inner = Math.max(innerSize, 1);
        mode = modeCode;
        Gpu.run(this, segments * WG, WG);
        return Convert.widen(out, segments);
    }
}
