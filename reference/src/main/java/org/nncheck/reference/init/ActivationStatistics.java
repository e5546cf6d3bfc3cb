package org.nncheck.reference.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The activation-statistics experiment of CS231n (2016) lecture 5, "Weight Initialization":
 * a fully connected net without biases, {@code layers} hidden layers of {@code width} units,
 * input {@code X} of {@code batch} rows of i.i.d. unit Gaussians, {@code H_l = f(H_{l-1} W_l)},
 * each {@code W_l} ({@code width x width}, (D, M) layout) drawn from an {@link Initializer}; for
 * each layer the mean and standard deviation (population) of all its activations are recorded.
 *
 * <p>What the lecture shows (and the tests assert with measured thresholds): tanh with
 * {@code 0.01 * randn} collapses towards 0 (the std shrinks by about {@code 0.01 sqrt(width)}
 * per layer), tanh with {@code 1.0 * randn} saturates at +-1, tanh with Xavier keeps a spread
 * distribution, ReLU with Xavier halves the variance at each layer, ReLU with He keeps it.
 *
 * <p>Deterministic for a seed: one {@link SplittableRandom} draws the input then the weights of
 * each layer in order. Plain EJML double matrix products.
 */
public final class ActivationStatistics {
    private ActivationStatistics() {
    }

    /** The non-linearity of the hidden layers. */
    public enum Nonlinearity {
        TANH, RELU;

        double apply(double v) {
            return this == TANH ? Math.tanh(v) : (v > 0 ? v : 0.0);
        }
    }

    /**
     * Statistics of one layer's activations (over batch x width values).
     *
     * @param layer 1-based layer index
     * @param mean mean of the activations
     * @param std population standard deviation of the activations
     * @param fractionSaturated fraction with {@code |h| > 0.99} (tanh saturation)
     * @param fractionZero fraction exactly 0 (dead ReLUs)
     */
    public record LayerStats(int layer, double mean, double std, double fractionSaturated, double fractionZero) {
    }

    /**
     * One configuration of the experiment and its per-layer statistics.
     *
     * @param name e.g. "tanh, normal std 0.01"
     * @param nonlinearity the activation
     * @param initializer the initializer id
     * @param params the initializer's raw parameters
     * @param layers statistics of layers 1..L
     */
    public record Run(String name, Nonlinearity nonlinearity, String initializer, Map<String, Object> params,
                      List<LayerStats> layers) {

        /** The statistics of the last layer. */
        public LayerStats last() {
            return layers.get(layers.size() - 1);
        }
    }

    /**
     * Runs the forward pass and records per-layer statistics.
     *
     * @param f the non-linearity
     * @param init the weight initializer (fans from the (width, width) shape)
     * @param params the initializer's validated parameters
     * @param layers number of hidden layers (&gt;= 1)
     * @param width units per layer and input dimension (&gt;= 1)
     * @param batch input rows (&gt;= 1)
     * @param seed the random seed
     */
    public static List<LayerStats> run(Nonlinearity f, Initializer init, Params params, int layers, int width, int batch,
                                       long seed) {
        if (layers < 1 || width < 1 || batch < 1) {
            throw new ContractException("activation statistics: layers, width and batch must be >= 1, got " + layers + ", "
                    + width + ", " + batch);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        DMatrixRMaj h = Samples.normal(rnd, 0, 1, batch, width).asMatrix(batch, width);
        DMatrixRMaj next = new DMatrixRMaj(batch, width);
        List<LayerStats> out = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            Tensor w = init.sample(new int[] {width, width}, params, rnd);
            CommonOps_DDRM.mult(h, w.asMatrix(width, width), next);
            double[] d = next.data;
            int n = batch * width;
            double sum = 0;
            int saturated = 0;
            int zero = 0;
            for (int i = 0; i < n; i++) {
                double v = f.apply(d[i]);
                d[i] = v;
                sum += v;
                if (Math.abs(v) > 0.99) {
                    saturated++;
                }
                if (v == 0) {
                    zero++;
                }
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double dv = d[i] - mean;
                ss += dv * dv;
            }
            out.add(new LayerStats(l, mean, Math.sqrt(ss / n), (double) saturated / n, (double) zero / n));
            DMatrixRMaj t = h;
            h = next;
            next = t;
        }
        return List.copyOf(out);
    }

    /**
     * The lecture's five configurations, 10 layers of width 500: tanh with normal std 0.01,
     * tanh with normal std 1.0, tanh with xavier_normal, ReLU with xavier_normal, ReLU with
     * he_normal. (For a square weight xavier_normal equals the lecture's randn/sqrt(fan_in).)
     *
     * @param batch input rows (the lecture uses 1000)
     * @param seed the random seed
     */
    public static List<Run> lectureExperiment(int batch, long seed) {
        return List.of(
                config("tanh, normal std 0.01", Nonlinearity.TANH, new NormalInit(), Map.of("std", 0.01), batch, seed),
                config("tanh, normal std 1.0", Nonlinearity.TANH, new NormalInit(), Map.of("std", 1.0), batch, seed),
                config("tanh, xavier_normal", Nonlinearity.TANH, new XavierNormal(), Map.of(), batch, seed),
                config("relu, xavier_normal", Nonlinearity.RELU, new XavierNormal(), Map.of(), batch, seed),
                config("relu, he_normal", Nonlinearity.RELU, new HeNormal(), Map.of(), batch, seed));
    }

    private static Run config(String name, Nonlinearity f, Initializer init, Map<String, Object> raw, int batch, long seed) {
        org.nncheck.catalogue.Entry e = new InitializerEntries().entries().stream().filter(x -> x.id().equals(init.id())).findFirst()
                .orElseThrow();
        Params p = e.params(raw);
        return new Run(name, f, init.id(), raw, run(f, init, p, 10, 500, batch, seed));
    }
}
