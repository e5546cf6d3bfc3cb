package org.nncheck.sanity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.init.Initializer;

/**
 * The activation-statistics experiment of CS231n lecture 5 ("Weight Initialization"): a deep
 * fully connected net ({@link #LAYERS} layers of {@link #WIDTH} units, zero biases) in the
 * catalogue's {@code affine}, {@code tanh}/{@code relu} and initializers, fed with real images;
 * the statistics of each layer's outputs and a sample of them for histograms.
 */
public final class ActivationStudy {
    /** Depth of the lecture's net. */
    public static final int LAYERS = 10;
    /** Width of the lecture's net. */
    public static final int WIDTH = 500;
    /** Values kept per layer for the histograms. */
    public static final int HISTOGRAM_SAMPLE = 2000;

    private ActivationStudy() {
    }

    /**
     * One layer's outputs.
     *
     * @param mean mean of the outputs
     * @param std population standard deviation
     * @param saturated fraction with {@code |h| >= 0.99} (tanh: within 0.01 of the bounds)
     * @param zero fraction exactly 0 (ReLU)
     * @param sample every k-th output, at most {@link #HISTOGRAM_SAMPLE}
     */
    public record Layer(double mean, double std, double saturated, double zero, double[] sample) {
    }

    /**
     * One configuration.
     *
     * @param key short key, e.g. {@code tanh_normal_0.01}
     * @param name for people
     * @param layers statistics of layers 1..{@link #LAYERS}
     */
    public record Config(String key, String name, List<Layer> layers) {
        /** The last layer. */
        public Layer last() {
            return layers.get(layers.size() - 1);
        }
    }

    /** Runs one configuration on inputs {@code x} (N, D). */
    public static Config run(String key, String name, Mlp.Activation f, String init, Map<String, ?> initParams, Tensor x, long seed) {
        Entry ie = Catalogue.find(init).stream().filter(e -> e.family() == Family.INITIALIZER).findFirst().orElseThrow();
        Initializer initializer = (Initializer) ie.newReference();
        Params ip = ie.params(initParams);
        Entry affine = Catalogue.get("affine").orElseThrow();
        Component aff = affine.newReference();
        Params ap = affine.params(Map.of());
        Entry act = Catalogue.get(f.id()).orElseThrow();
        Component a = act.newReference();
        Params actp = act.params(Map.of());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Layer> out = new ArrayList<>();
        Tensor h = x;
        Tensor zeros = Tensor.zeros(WIDTH);
        for (int l = 0; l < LAYERS; l++) {
            Tensor w = initializer.sample(new int[] {h.dim(1), WIDTH}, ip, rnd);
            Tensor z = aff.forward(Map.of("x", h, "w", w, "b", zeros), ap).get("y");
            h = a.forward(Map.of("x", z), actp).get("y");
            out.add(stats(h));
        }
        return new Config(key, name, List.copyOf(out));
    }

    private static Layer stats(Tensor h) {
        int n = h.size();
        double sum = 0;
        int sat = 0;
        int zero = 0;
        for (int i = 0; i < n; i++) {
            double v = h.get(i);
            sum += v;
            sat += Math.abs(v) >= 0.99 ? 1 : 0;
            zero += v == 0 ? 1 : 0;
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = h.get(i) - mean;
            ss += d * d;
        }
        int stride = Math.max(1, n / HISTOGRAM_SAMPLE);
        double[] sample = new double[(n + stride - 1) / stride];
        for (int i = 0, k = 0; i < n; i += stride, k++) {
            sample[k] = h.get(i);
        }
        return new Layer(mean, Math.sqrt(ss / n), (double) sat / n, (double) zero / n, sample);
    }
}
