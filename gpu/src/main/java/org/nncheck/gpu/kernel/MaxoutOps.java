package org.nncheck.gpu.kernel;

/** Host entry of the maxout selection kernels (float and double twins). */
public interface MaxoutOps {
    /**
     * @param z the K stacked pieces (K, count), piece k = x w_k + b_k
     * @param dy upstream (count) for the backward mode, else null
     * @return forward: the max over k (count); backward: dZ (K, count), dy routed to the first
     *     maximal piece
     */
    double[] select(int modeCode, double[] z, double[] dy, int pieces, int count);
}
