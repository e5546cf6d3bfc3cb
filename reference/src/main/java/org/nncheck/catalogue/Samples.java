package org.nncheck.catalogue;

import java.util.SplittableRandom;
import org.nncheck.core.Tensor;

/** Building blocks for {@link SampleGenerator}s. */
public final class Samples {
    private Samples() {
    }

    /** Independent N(mean, std^2) values. */
    public static Tensor normal(SplittableRandom rnd, double mean, double std, int... shape) {
        double[] d = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = mean + std * gaussian(rnd);
        }
        return Tensor.wrap(shape, d);
    }

    /** Independent U(low, high) values. */
    public static Tensor uniform(SplittableRandom rnd, double low, double high, int... shape) {
        double[] d = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * rnd.nextDouble();
        }
        return Tensor.wrap(shape, d);
    }

    /**
     * N(0, scale^2) values kept at least {@code margin} away from every point in
     * {@code kinks} (so a finite difference with step below the margin does not cross one).
     */
    public static Tensor awayFrom(SplittableRandom rnd, double scale, double margin, double[] kinks, int... shape) {
        double[] d = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            double v;
            boolean near;
            do {
                v = scale * gaussian(rnd);
                near = false;
                for (double k : kinks) {
                    near |= Math.abs(v - k) < margin;
                }
            } while (near);
            d[i] = v;
        }
        return Tensor.wrap(shape, d);
    }

    /** Integers uniform in [0, bound). */
    public static Tensor labels(SplittableRandom rnd, int bound, int... shape) {
        long[] d = new long[Tensor.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(bound);
        }
        return Tensor.ofIntegers(shape, d);
    }

    /** A standard normal variate (Box-Muller on the given source). */
    public static double gaussian(SplittableRandom rnd) {
        double u1;
        do {
            u1 = rnd.nextDouble();
        } while (u1 == 0);
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A dimension between lo and hi inclusive. */
    public static int dim(SplittableRandom rnd, int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    /** A random shape of rank 1 to 3 growing with the size hint (size-1 axes included). */
    public static int[] shape(SplittableRandom rnd, int size) {
        int rank = 1 + rnd.nextInt(3);
        int hi = rank == 3 ? 2 + size : 3 + 3 * size;
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = dim(rnd, 1, hi);
        }
        return s;
    }
}
