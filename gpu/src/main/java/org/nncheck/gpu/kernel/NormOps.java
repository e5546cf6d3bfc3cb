package org.nncheck.gpu.kernel;

/** Host entry of the element-wise normalization kernels (float and double twins). */
public interface NormOps {
    /**
     * Element i belongs to statistics segment {@code (i / segInner) % segs} and to affine
     * channel {@code (i / gInner) % gCount}.
     *
     * @param mean per-segment mean (or running mean)
     * @param rstd per-segment 1 / sqrt(var + eps)
     * @param s1 per-segment sum of dxhat (backward), else null
     * @param s2 per-segment sum of dxhat * xhat (backward), else null
     * @param segLen elements per segment (the L of the backward's means)
     */
    double[] norm(int modeCode, double[] x, double[] dy, double[] mean, double[] rstd, double[] gamma, double[] beta,
                  double[] s1, double[] s2, int segs, int segInner, int gCount, int gInner, int segLen);
}
