package org.nncheck.gpu.kernel;

/** Array conversions between the double tensors and the kernels' float/double buffers. */
public final class Convert {
    private Convert() {
    }

    /** Rounds to float (at least one element: OpenCL buffers cannot be empty). */
    public static float[] narrow(double[] v) {
        float[] f = new float[Math.max(v.length, 1)];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /** A copy (at least one element), the double twin of {@link #narrow(double[])}. */
    public static double[] narrowD(double[] v) {
        double[] f = new double[Math.max(v.length, 1)];
        System.arraycopy(v, 0, f, 0, v.length);
        return f;
    }

    /** The first {@code len} values widened to double. */
    public static double[] widen(float[] v, int len) {
        double[] d = new double[len];
        for (int i = 0; i < len; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** The first {@code len} values, copied. */
    public static double[] widen(double[] v, int len) {
        double[] d = new double[len];
        System.arraycopy(v, 0, d, 0, len);
        return d;
    }
}
