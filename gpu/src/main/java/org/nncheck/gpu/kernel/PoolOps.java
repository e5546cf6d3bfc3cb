package org.nncheck.gpu.kernel;

/** Host entry of the pooling kernels (float and double twins). */
public interface PoolOps {
    /**
     * @param x input (N,C,H,W) for the forward; for the backward the same x (max pool recomputes
     *     its first-maximum index from it)
     * @param dy upstream (N,C,Ho,Wo) for the backward modes, else null
     */
    double[] pool(int modeCode, double[] x, double[] dy, int nc, int h, int w, int ph, int pw, int s, int ho, int wo);
}
