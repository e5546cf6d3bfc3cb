package org.nncheck.gpu.kernel;

/** Host entry of the loss / regularizer kernels (float and double twins). */
public interface LossOps {
    /**
     * @param modeCode {@code TERMS} (per-row or per-element loss terms), {@code GRAD_A} (gradient
     *     w.r.t. {@code a}, times {@code scale}) or {@code GRAD_B} (w.r.t. {@code b}, times scale)
     * @param count rows (row losses) or elements (element-wise losses)
     * @param cols classes C for row losses, 1 otherwise
     */
    double[] apply(int opCode, int modeCode, double[] a, double[] b, int[] labels, int count, int cols,
                   boolean hasTargets, double smoothing, double margin, double lambda, double beta, double scale);
}
