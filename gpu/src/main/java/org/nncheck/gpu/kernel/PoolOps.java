package org.nncheck.gpu.kernel;

/** Host entry of the pooling kernels (float and double twins). */
public interface PoolOps {
    /**
     * Geometry: nc = N*C planes of h x w, window ph x pw, stride s, padding pad, output ho x wo
     * (from the reference's geometry: floor or ceil_mode), and whether an average counts the
     * padding.
     */
    record Geometry(int nc, int h, int w, int ph, int pw, int s, int pad, int ho, int wo, boolean countPad) {
        /** The kernels' geometry of a geometry the reference validated. */
        public static Geometry of(org.nncheck.reference.layer.Pool2d.Geometry g, boolean countPad) {
            return new Geometry(g.n() * g.c(), g.h(), g.w(), g.ph(), g.pw(), g.stride(), g.pad(), g.ho(), g.wo(), countPad);
        }
    }

    /**
     * @param x input (N,C,H,W) for the forward; for the backward the same x (max pool recomputes
     *     its first-maximum index from it)
     * @param dy upstream (N,C,Ho,Wo) for the backward modes, else null
     */
    double[] pool(int modeCode, double[] x, double[] dy, Geometry g);
}
