package org.nncheck.gpu.kernel;

/** Host entry of the register-blocked GEMM kernels (float and double twins). */
public interface GemmOps {
    /**
     * C (m x n) = op(A) op(B) (+ bias[col] when bias is not null), op(A) (m x k), op(B) (k x n),
     * all row-major; {@code transA} means A is stored (k x m), {@code transB} that B is (n x k).
     */
    double[] gemm(double[] a, double[] b, double[] bias, int m, int n, int k, boolean transA, boolean transB);

    /**
     * conv2d forward of one channel group: w (m x channels*HH*WW) times the im2col matrix of the
     * group's channels [firstChannel, firstChannel + channels) of x (N,C,H,W), plus rowBias[row];
     * the result in NCHW order, (N, m, Ho*Wo).
     */
    double[] convForward(double[] w, double[] x, double[] rowBias, int m, ConvOps.Geometry g, int firstChannel, int channels);

    /**
     * conv2d weight gradient of one channel group: dy (m x N*Ho*Wo, the group's rows of the
     * upstream gradient as (F, N*Ho*Wo)) times the transposed im2col matrix of the group's
     * channels: (m x channels*HH*WW).
     */
    double[] convWeightGradient(double[] dy, double[] x, int m, ConvOps.Geometry g, int firstChannel, int channels);
}
