package org.nncheck.gpu.kernel;

/** Host entry of the softmax kernels (float and double twins). */
public interface SoftmaxOps {
    /**
     * Row-wise (log-)softmax over an axis of length {@code len}, the tensor seen as
     * (outer, len, inner).
     *
     * @param dys upstream gradient for the backward modes, else null
     */
    double[] apply(int modeCode, double[] xs, double[] dys, int outer, int len, int inner);
}
