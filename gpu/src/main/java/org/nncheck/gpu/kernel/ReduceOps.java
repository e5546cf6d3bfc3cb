package org.nncheck.gpu.kernel;

/** Host entry of the segmented reduction kernels (float and double twins). */
public interface ReduceOps {
    /**
     * For each segment s in [0, segs): sum over j in [0, len) of f(v1[idx], v2[idx]) with
     * idx = (j / inner) * (segs * inner) + s * inner + j % inner, i.e. the tensor seen as
     * (len / inner, segs, inner) reduced over axes 0 and 2.
     *
     * @param center per-segment value subtracted in {@code SUM_SQ_DEV} mode, else null
     */
    double[] reduce(int modeCode, double[] v1, double[] v2, double[] center, int segs, int len, int inner);
}
