package org.nncheck.gpu.kernel;

/** Host entry of the conv2d data-movement kernels (float and double twins). */
public interface ConvOps {
    /** Geometry: x (N,C,H,W), w (F,C,HH,WW), stride s, zero padding p, output (N,F,Ho,Wo). */
    record Geometry(int n, int c, int h, int w, int f, int hh, int ww, int s, int p, int ho, int wo) {
        /** Rows of the column matrix: C*HH*WW. */
        public int colRows() {
            return c * hh * ww;
        }

        /** Columns of the column matrix: N*Ho*Wo. */
        public int colCols() {
            return n * ho * wo;
        }
    }

    /** x -> columns (C*HH*WW, N*Ho*Wo). */
    double[] im2col(double[] x, Geometry g);

    /** Columns gradient -> dx (N,C,H,W), a gather (each dx element sums its own windows). */
    double[] col2im(double[] cols, Geometry g);

    /** (F, N*Ho*Wo) + bias[f] -> (N,F,Ho,Wo). */
    double[] toNchw(double[] fcols, double[] bias, Geometry g);

    /** (N,F,Ho,Wo) -> (F, N*Ho*Wo). */
    double[] fromNchw(double[] y, Geometry g);
}
