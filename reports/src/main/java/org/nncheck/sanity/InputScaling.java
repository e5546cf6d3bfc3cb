package org.nncheck.sanity;

import org.nncheck.core.Tensor;

/**
 * How images become network inputs. {@link #raw} feeds the pixel values 0..255 as they are (no
 * preprocessing); {@link #standardized} subtracts the per-pixel mean of the training images and
 * divides by their per-pixel standard deviation, the lectures' "zero-centered and normalized
 * data" ({@code X -= np.mean(X, axis=0); X /= np.std(X, axis=0)}, CS231n notes "Data
 * preprocessing"; the catalogue's {@code standardize} with the statistics of the training set).
 * The standard deviation is the population one and is floored at 1 (one grey level): a pixel
 * that is almost constant over the training images (a border pixel) would otherwise turn a
 * small test value into a huge input, where the catalogue's {@code eps = 1e-8} only prevents the
 * division by zero.
 */
public final class InputScaling {
    /** Smallest standard deviation divided by, in grey levels. */
    public static final double STD_FLOOR = 1.0;

    private final String name;
    private final double[] mean;
    private final double[] invStd;

    private InputScaling(String name, double[] mean, double[] invStd) {
        this.name = name;
        this.mean = mean;
        this.invStd = invStd;
    }

    /** Pixel values as they are. */
    public static InputScaling raw(int features) {
        double[] ones = new double[features];
        java.util.Arrays.fill(ones, 1.0);
        return new InputScaling("raw pixels 0..255", new double[features], ones);
    }

    /** Per-pixel standardization with the statistics of {@code train}. */
    public static InputScaling standardized(LabelledImages train) {
        int d = train.features();
        double[] sum = new double[d];
        double[] sq = new double[d];
        int n = train.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = train.pixel(i, j);
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        double[] mean = new double[d];
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sum[j] / n;
            double var = Math.max(0, sq[j] / n - mean[j] * mean[j]); // integer data: no catastrophic cancellation at 255^2 * 6e4
            inv[j] = 1.0 / Math.max(Math.sqrt(var), STD_FLOOR);
        }
        return new InputScaling("standardized (per-pixel mean and std of the training set)", mean, inv);
    }

    /** A description for people. */
    public String name() {
        return name;
    }

    /** The inputs (N, D) of images {@code idx} of {@code data}. */
    public Tensor batch(LabelledImages data, int[] idx) {
        int d = data.features();
        double[] x = new double[idx.length * d];
        for (int r = 0; r < idx.length; r++) {
            int base = idx[r] * d;
            for (int j = 0; j < d; j++) {
                x[r * d + j] = ((data.pixels()[base + j] & 0xFF) - mean[j]) * invStd[j];
            }
        }
        return Tensor.wrap(new int[] {idx.length, d}, x);
    }

    /** The labels of images {@code idx}, as an integer tensor (N). */
    public static Tensor labels(LabelledImages data, int[] idx) {
        long[] l = new long[idx.length];
        for (int r = 0; r < idx.length; r++) {
            l[r] = data.labels()[idx[r]];
        }
        return Tensor.ofIntegers(new int[] {idx.length}, l);
    }
}
