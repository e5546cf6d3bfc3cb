package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * The element-wise parts of batch/layer/instance/group norm in float (the statistics are
 * segmented reductions, {@link ReduceKernelF}). Modes: y = gamma xhat + beta; xhat; dxhat =
 * dy gamma; dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat)) (training: statistics
 * depend on x); dx = dy gamma rstd (evaluation with running statistics).
 */
public final class NormKernelF extends Kernel implements NormOps {
    public static final int FORWARD = 0;
    public static final int XHAT = 1;
    public static final int DXHAT = 2;
    public static final int BACKWARD = 3;
    public static final int BACKWARD_FIXED = 4;

    public float[] x = new float[1];
    public float[] dy = new float[1];
    public float[] mean = new float[1];
    public float[] rstd = new float[1];
    public float[] gamma = new float[1];
    public float[] beta = new float[1];
    public float[] s1 = new float[1];
    public float[] s2 = new float[1];
    public float[] out = new float[1];
    public int n;
    public int mode;
    public int segs;
    public int segInner;
    public int gCount;
    public int gInner;
    public float segLen;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            int sg = (i / segInner) % segs;
            int g = (i / gInner) % gCount;
            float xhat = (x[i] - mean[sg]) * rstd[sg];
            if (mode == FORWARD) {
                out[i] = gamma[g] * xhat + beta[g];
            } else if (mode == XHAT) {
                out[i] = xhat;
            } else if (mode == DXHAT) {
                out[i] = dy[i] * gamma[g];
            } else if (mode == BACKWARD) {
                float dxhat = dy[i] * gamma[g];
                out[i] = rstd[sg] * (dxhat - s1[sg] / segLen - xhat * (s2[sg] / segLen));
            } else {
                out[i] = dy[i] * gamma[g] * rstd[sg];
            }
        }
    }

    private static float[] orOne(double[] v) {
        return v == null ? new float[1] : Convert.narrow(v);
    }

    @Override
    public double[] norm(int modeCode, double[] xs, double[] dys, double[] means, double[] rstds, double[] gammas,
                         double[] betas, double[] sum1, double[] sum2, int segments, int segmentInner, int gammaCount,
                         int gammaInner, int segmentLength) {
        x = Convert.narrow(xs);
        dy = orOne(dys);
        mean = orOne(means);
        rstd = orOne(rstds);
        gamma = orOne(gammas);
        beta = orOne(betas);
        s1 = orOne(sum1);
        s2 = orOne(sum2);
        out = new float[Math.max(xs.length, 1)];
        n = xs.length;
        mode = modeCode;
        segs = Math.max(segments, 1);
        segInner = Math.max(segmentInner, 1);
        gCount = Math.max(gammaCount, 1);
        gInner = Math.max(gammaInner, 1);
        segLen = segmentLength;
        Gpu.run(this, xs.length);
        return Convert.widen(out, xs.length);
    }
}
