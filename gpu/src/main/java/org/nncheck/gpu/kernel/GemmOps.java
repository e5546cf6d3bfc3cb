package org.nncheck.gpu.kernel;

/** Host entry of the register-blocked GEMM kernels (float and double twins). */
public interface GemmOps {
    /**
     * C (m x n) = op(A) op(B) (+ bias[col] when bias is not null), op(A) (m x k), op(B) (k x n),
     * all row-major; {@code transA} means A is stored (k x m), {@code transB} that B is (n x k).
     */
    double[] gemm(double[] a, double[] b, double[] bias, int m, int n, int k, boolean transA, boolean transB);

    /**
     * conv2d's product: A (m x k) B (k x n) + rowBias[row], where the n columns are (sample, pixel)
     * pairs of {@code hw} pixels each, stored in NCHW order: the result is (n/hw, m, hw).
     */
    double[] gemmNchw(double[] a, double[] b, double[] rowBias, int m, int n, int k, int hw);
}
