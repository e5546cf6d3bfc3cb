package org.nncheck.properties.optim;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Tensor;

/** Small helpers of the optimizer and schedule property tests. */
final class Runs {
    private Runs() {
    }

    /** Runs a property with a fixed seed and puts the seed into any failure message. */
    static void withSeed(long seed, java.util.function.LongConsumer property) {
        try {
            property.accept(seed);
        } catch (AssertionError e) {
            throw new AssertionError("property failed with fixed seed " + seed + " (rerun with the same seed to reproduce): "
                    + e.getMessage(), e);
        }
    }

    /** The optimizer entry of an id. */
    static Entry optimizer(String id) {
        return Catalogue.entries(Family.OPTIMIZER).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    /** The schedule entry of an id. */
    static Entry schedule(String id) {
        return Catalogue.entries(Family.SCHEDULE).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    /** The reference trajectory (T, n) of a vector {@code w} (n) for gradients (T, n). */
    static double[][] trajectory(String id, Map<String, Object> params, double[] w, double[][] grads, double[] lr) {
        Entry e = optimizer(id);
        int steps = grads.length;
        int n = w.length;
        double[] g = new double[steps * n];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(grads[t], 0, g, t * n, n);
        }
        Map<String, Tensor> in = new HashMap<>();
        in.put("w", Tensor.vector(w));
        in.put("grads", Tensor.of(new int[] {steps, n}, g));
        if (lr != null) {
            in.put("lr", Tensor.vector(lr));
        }
        double[] out = e.newReference().forward(in, e.params(params)).get("w").toArray();
        double[][] r = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(out, t * n, r[t], 0, n);
        }
        return r;
    }

    /** One optimizer step from {@code w} with gradient {@code g} (the state-free first step). */
    static double[] step(String id, Map<String, Object> params, double[] w, double[] g) {
        return trajectory(id, params, w, new double[][] {g}, null)[0];
    }

    /** N(0, scale^2) gradients (T, n) from a seed. */
    static double[][] gaussian(long seed, int steps, int n, double scale) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] g = new double[steps][n];
        for (double[] row : g) {
            for (int i = 0; i < n; i++) {
                row[i] = scale * Samples.gaussian(rnd);
            }
        }
        return g;
    }

    /** A schedule's rates for steps 0..count-1. */
    static double[] rates(String id, Map<String, Object> params, int count) {
        long[] s = new long[count];
        for (int i = 0; i < count; i++) {
            s[i] = i;
        }
        Entry e = schedule(id);
        return e.newReference().forward(Map.of("steps", Tensor.ofIntegers(new int[] {count}, s)), e.params(params)).get("lr").toArray();
    }
}
