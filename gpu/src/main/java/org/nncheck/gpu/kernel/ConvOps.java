package org.nncheck.gpu.kernel;

/** Host entry of the conv2d data-movement kernels (float and double twins). */
public interface ConvOps {
    /**
     * Geometry: x (N,C,H,W), w (F,C/groups,HH,WW), stride s, zero padding p, dilation d, output
     * (N,F,Ho,Wo). The column matrix (im2col, read by {@link GemmKernelF}) has one row per
     * (channel, filter row, filter column) of all C channels and one column per (sample, output
     * pixel), so the rows of channel group g are the contiguous block starting at g*C/groups*HH*WW.
     */
    record Geometry(int n, int c, int h, int w, int f, int hh, int ww, int s, int p, int d, int ho, int wo) {
        /** The kernels' geometry of a geometry the reference validated. */
        public static Geometry of(org.nncheck.reference.layer.Conv2d.Geometry g) {
            return new Geometry(g.n(), g.c(), g.h(), g.w(), g.f(), g.hh(), g.ww(), g.stride(), g.pad(), g.dilation(), g.ho(),
                    g.wo());
        }

        /** Rows of the column matrix: C*HH*WW. */
        public int colRows() {
            return c * hh * ww;
        }

        /** Columns of the column matrix: N*Ho*Wo. */
        public int colCols() {
            return n * ho * wo;
        }
    }

    /** Columns gradient -> dx (N,C,H,W), a gather (each dx element sums its own windows). */
    double[] col2im(double[] cols, Geometry g);

    /** (N,F,Ho,Wo) -> (F, N*Ho*Wo). */
    double[] fromNchw(double[] y, Geometry g);
}
