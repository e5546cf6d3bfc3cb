package org.nncheck.gpu.kernel;

import com.aparapi.Kernel;
import org.nncheck.gpu.Gpu;

/**
 * maxout's selection in float: y = max over the K pieces (the pieces themselves come from the
 * tiled GEMM), and the backward routing of dy to the FIRST maximal piece (strict {@code >} in
 * k order, the tie convention of the reference). One work-item per output element.
 */
public final class MaxoutKernelF extends Kernel implements MaxoutOps {
    public static final int FORWARD = 0;
    public static final int BACKWARD = 1;

    public float[] z = new float[1];
    public float[] dy = new float[1];
    public float[] out = new float[1];
    public int mode;
    public int pieces;
    public int count;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < count) {
            int best = 0;
            float bv = z[i];
            for (int k = 1; k < pieces; k++) {
                float v = z[k * count + i];
                if (v > bv) {
                    bv = v;
                    best = k;
                }
            }
            if (mode == FORWARD) {
                out[i] = bv;
            } else {
                for (int k = 0; k < pieces; k++) {
                    out[k * count + i] = k == best ? dy[i] : 0.0f;
                }
            }
        }
    }

    @Override
    public double[] select(int modeCode, double[] zs, double[] dys, int k, int n) {
        z = Convert.narrow(zs);
        dy = dys == null ? new float[1] : Convert.narrow(dys);
        int size = modeCode == FORWARD ? n : k * n;
        out = new float[Math.max(size, 1)];
        mode = modeCode;
        pieces = k;
        count = n;
        Gpu.run(this, n);
        return Convert.widen(out, size);
    }
}
