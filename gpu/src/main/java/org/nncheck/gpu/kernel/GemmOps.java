package org.nncheck.gpu.kernel;

/** Host entry of the tiled GEMM kernels (float and double twins). */
public interface GemmOps {
    /**
     * C (m x n) = op(A) op(B) (+ bias[col] when bias is not null), op(A) (m x k), op(B) (k x n),
     * all row-major; {@code transA} means A is stored (k x m), {@code transB} that B is (n x k).
     */
    double[] gemm(double[] a, double[] b, double[] bias, int m, int n, int k, boolean transA, boolean transB);
}
