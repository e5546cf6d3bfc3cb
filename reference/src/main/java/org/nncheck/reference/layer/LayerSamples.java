package org.nncheck.reference.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Sample inputs of the layers: shapes that satisfy each layer's rules for the given
 * parameters (output sizes of at least 1, sometimes with rows the last window does not reach;
 * C and F multiples of groups), grow with the size hint, and include
 * size-1 edge cases; values in the domain (distinct values within each pooling window, with a margin, 0/1
 * masks, positive running variances).
 *
 * <p>Normalization samples have at least 3 values per statistics group: with 2 values the
 * output is +-1 whatever x is (up to eps), so dx is almost 0 and every digit of it comes from
 * cancellation, which tests rounding, not the formula (the 2-value case is in the unit tests).
 */
final class LayerSamples {
    private LayerSamples() {
    }

    private static int dim(SplittableRandom rnd, int size, int lo) {
        return Samples.dim(rnd, lo, lo + 1 + 2 * size);
    }

    static Map<String, Tensor> affine(SplittableRandom rnd, Params p, int size) {
        int n = dim(rnd, size, 1);
        int rank = 2 + rnd.nextInt(3);
        int[] xs = new int[rank];
        xs[0] = n;
        int d = 1;
        for (int a = 1; a < rank; a++) {
            xs[a] = Samples.dim(rnd, 1, rank == 2 ? 3 + 3 * size : 2 + size);
            d *= xs[a];
        }
        int m = dim(rnd, size, 1);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", Samples.normal(rnd, 0, 1, xs));
        out.put("w", Samples.normal(rnd, 0, 1 / Math.sqrt(d), d, m));
        out.put("b", Samples.normal(rnd, 0, 1, m));
        return out;
    }

    /**
     * An input length n >= 1 for a window of the given extent, padding and stride with some
     * output length >= 1, plus 0..stride-1 rows that the last window does not reach (floor).
     */
    private static int spatial(SplittableRandom rnd, int size, int extent, int pad, int stride) {
        int out = Samples.dim(rnd, 1, 2 + size);
        int n = (out - 1) * stride + extent - 2 * pad + rnd.nextInt(stride);
        while (n < 1) {
            out++;
            n = (out - 1) * stride + extent - 2 * pad;
        }
        return n;
    }

    static Map<String, Tensor> conv2d(SplittableRandom rnd, Params p, int size) {
        int stride = p.getInt("stride");
        int pad = p.getInt("pad");
        int dilation = p.getInt("dilation");
        int groups = p.getInt("groups");
        int n = Samples.dim(rnd, 1, 1 + size);
        int cg = Samples.dim(rnd, 1, 2 + size);
        int c = groups * cg;
        int f = groups * Samples.dim(rnd, 1, 2 + size);
        int hh = Samples.dim(rnd, 1, 3 + (size > 1 ? 1 : 0));
        int ww = Samples.dim(rnd, 1, 3 + (size > 1 ? 1 : 0));
        int h = spatial(rnd, size, dilation * (hh - 1) + 1, pad, stride);
        int w = spatial(rnd, size, dilation * (ww - 1) + 1, pad, stride);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", Samples.normal(rnd, 0, 1, n, c, h, w));
        out.put("w", Samples.normal(rnd, 0, 1 / Math.sqrt(cg * hh * ww), f, cg, hh, ww));
        out.put("b", Samples.normal(rnd, 0, 1, f));
        return out;
    }

    /**
     * Pooling input without near-ties inside any window, whatever its size: each plane repeats a
     * tile of {@code pool_height x pool_width} distinct values (a random permutation of an even
     * grid over [-1.5, 1.5], at least 3/(PH*PW) - 0.1 apart after a per-element jitter below 0.1),
     * so every window, cut or not, holds each tile value at most once. The values stay small, so
     * a finite-difference step of {@code step * max(1, |x|)} (1e-2 in float32, doubled by
     * Richardson) never swaps the order of two values of a window; about half are negative, so a
     * window cut by the padding can have only negative values (where padding must not win).
     */
    static Map<String, Tensor> pool(SplittableRandom rnd, Params p, int size) {
        int ph = p.getInt("pool_height");
        int pw = p.getInt("pool_width");
        int stride = p.getInt("stride");
        int pad = p.getInt("pad");
        int n = Samples.dim(rnd, 1, 1 + size);
        int c = Samples.dim(rnd, 1, 1 + size);
        int h = spatial(rnd, size, ph, pad, stride);
        int w = spatial(rnd, size, pw, pad, stride);
        int tile = ph * pw;
        double spacing = 3.0 / tile;
        double[] x = new double[n * c * h * w];
        int[] perm = new int[tile];
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < tile; i++) {
                perm[i] = i;
            }
            for (int i = tile - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int r = 0; r < h; r++) {
                for (int q = 0; q < w; q++) {
                    double v = -1.5 + spacing * (perm[(r % ph) * pw + q % pw] + 0.5);
                    x[(plane * h + r) * w + q] = v + 0.1 * Math.min(spacing, 1) * rnd.nextDouble();
                }
            }
        }
        return Map.of("x", Tensor.wrap(new int[] {n, c, h, w}, x));
    }

    /** Per-channel shifted and scaled normal values: channel c ~ N(mu_c, s_c^2). */
    private static Tensor channelData(SplittableRandom rnd, int[] shape, int channelAxis) {
        int c = shape[channelAxis];
        double[] mu = new double[c];
        double[] sd = new double[c];
        for (int i = 0; i < c; i++) {
            mu[i] = 2 * Samples.gaussian(rnd);
            sd[i] = 0.5 + 1.5 * rnd.nextDouble();
        }
        int inner = 1;
        for (int a = channelAxis + 1; a < shape.length; a++) {
            inner *= shape[a];
        }
        double[] x = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / inner) % c;
            x[i] = mu[ch] + sd[ch] * Samples.gaussian(rnd);
        }
        return Tensor.wrap(shape, x);
    }

    static Map<String, Tensor> batchNorm(SplittableRandom rnd, Params p, int size) {
        boolean fourD = rnd.nextBoolean();
        int[] shape;
        if (fourD) {
            int n;
            int h;
            int w;
            do {
                n = Samples.dim(rnd, 1, 2 + size);
                h = Samples.dim(rnd, 1, 2 + size);
                w = Samples.dim(rnd, 1, 2 + size);
            } while (n * h * w < 3);
            shape = new int[] {n, Samples.dim(rnd, 1, 2 + size), h, w};
        } else {
            shape = new int[] {Samples.dim(rnd, 3, 4 + 3 * size), Samples.dim(rnd, 1, 2 + 2 * size)};
        }
        int c = shape[1];
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", channelData(rnd, shape, 1));
        out.put("gamma", Samples.normal(rnd, 1, 0.5, c));
        out.put("beta", Samples.normal(rnd, 0, 1, c));
        out.put("running_mean", Samples.normal(rnd, 0, 1, c));
        out.put("running_var", Samples.uniform(rnd, 0.5, 2, c));
        return out;
    }

    static Map<String, Tensor> layerNorm(SplittableRandom rnd, Params p, int size) {
        int rank = p.has("normalized_dims") ? Math.max(2, p.getInt("normalized_dims") + rnd.nextInt(2)) : 2 + rnd.nextInt(3);
        int[] shape = new int[rank];
        shape[0] = Samples.dim(rnd, 1, 2 + size);
        for (int a = 1; a < rank; a++) {
            shape[a] = Samples.dim(rnd, rank > 3 ? 1 : 2, rank > 3 ? 2 + size : 3 + 2 * size);
        }
        shape[rank - 1] = Math.max(3, shape[rank - 1]); // at least 3 values per normalized group
        int k = p.has("normalized_dims") ? p.getInt("normalized_dims") : rank - 1;
        int[] affine = java.util.Arrays.copyOfRange(shape, rank - k, rank);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", channelData(rnd, shape, 0));
        out.put("gamma", Samples.normal(rnd, 1, 0.5, affine));
        out.put("beta", Samples.normal(rnd, 0, 1, affine));
        return out;
    }

    static Map<String, Tensor> channelNorm(SplittableRandom rnd, int channels, int size, boolean spatialAtLeastThree) {
        int n = Samples.dim(rnd, 1, 2 + size);
        int h;
        int w;
        do {
            h = Samples.dim(rnd, 1, 2 + size);
            w = Samples.dim(rnd, 1, 3 + size);
        } while (spatialAtLeastThree && h * w < 3);
        int[] shape = {n, channels, h, w};
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", channelData(rnd, shape, 1));
        out.put("gamma", Samples.normal(rnd, 1, 0.5, channels));
        out.put("beta", Samples.normal(rnd, 0, 1, channels));
        return out;
    }

    static Map<String, Tensor> instanceNorm(SplittableRandom rnd, Params p, int size) {
        return channelNorm(rnd, Samples.dim(rnd, 1, 2 + size), size, true);
    }

    static Map<String, Tensor> groupNorm(SplittableRandom rnd, Params p, int size) {
        int g = p.getInt("groups");
        return channelNorm(rnd, g * Samples.dim(rnd, 1, 3), size, true);
    }

    /** 0/1 values, 1 with probability keep. */
    static Tensor mask(SplittableRandom rnd, double keep, int... shape) {
        double[] m = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextDouble() < keep ? 1.0 : 0.0;
        }
        return Tensor.wrap(shape, m);
    }

    static Map<String, Tensor> dropout(SplittableRandom rnd, Params p, int size) {
        int rank = 1 + rnd.nextInt(4);
        int[] shape = new int[rank];
        for (int a = 0; a < rank; a++) {
            shape[a] = Samples.dim(rnd, 1, rank > 2 ? 2 + size : 3 + 3 * size);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", Samples.normal(rnd, 0, 1, shape));
        out.put("mask", mask(rnd, 1 - p.getDouble("p"), shape));
        return out;
    }

    static Map<String, Tensor> dropconnect(SplittableRandom rnd, Params p, int size) {
        int n = dim(rnd, size, 1);
        int d = dim(rnd, size, 1);
        int m = dim(rnd, size, 1);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("x", Samples.normal(rnd, 0, 1, n, d));
        out.put("w", Samples.normal(rnd, 0, 1 / Math.sqrt(d), d, m));
        out.put("b", Samples.normal(rnd, 0, 1, m));
        out.put("mask", mask(rnd, 1 - p.getDouble("p"), d, m));
        return out;
    }
}
