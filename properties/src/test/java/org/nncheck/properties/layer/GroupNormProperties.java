package org.nncheck.properties.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Tensor;

/**
 * Group norm's two limits (Wu and He 2018, figure 2): with {@code groups = 1} it is a layer
 * norm over (C, H, W) whose gamma/beta are per channel (broadcast over H, W); with
 * {@code groups = C} it is an instance norm. Checked on y and on every gradient (dx, dgamma,
 * dbeta; layer norm's (C, H, W) dgamma summed over H, W). x is (N, C, H, W) with channel
 * offsets up to 1000. Fixed seed.
 */
class GroupNormProperties {
    private static final long SEED = 0x5EED_6A0DL;

    private static final Component GN = LayerProps.entry("group_norm").newReference();
    private static final Component LN = LayerProps.entry("layer_norm").newReference();
    private static final Component IN = LayerProps.entry("instance_norm").newReference();

    /** Per-channel values broadcast to (C, H, W). */
    private static Tensor broadcast(Tensor perChannel, int h, int w) {
        int c = perChannel.size();
        double[] out = new double[c * h * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = perChannel.get(i / (h * w));
        }
        return Tensor.wrap(new int[] {c, h, w}, out);
    }

    /** (C, H, W) summed over H and W. */
    private static Tensor sumSpatial(Tensor t) {
        int c = t.dim(0);
        int hw = t.size() / c;
        double[] out = new double[c];
        for (int i = 0; i < t.size(); i++) {
            out[i / hw] += t.get(i);
        }
        return Tensor.vector(out);
    }

    private static double tol(Tensor ref) {
        return 1e-12 * (1 + LayerProps.maxAbs(ref));
    }

    private static void close(String what, long seed, Tensor want, Tensor got) {
        assertTrue(LayerProps.maxDiff(want, got) <= tol(want), "seed " + SEED + "/" + seed + ": " + what + " differs by "
                + LayerProps.maxDiff(want, got));
    }

    @Test
    void oneGroupIsLayerNormOverChannelsAndSpace() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(integers().between(1, 4), integers().between(1, 5), integers().between(1, 4), longs().all())
                .checkAssert((n, c, h, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int w = 1 + rnd.nextInt(4);
                    Tensor x = LayerProps.channelData(rnd, n, c, h, w);
                    Tensor gamma = Samples.normal(rnd, 1, 0.5, c);
                    Tensor beta = Samples.normal(rnd, 0, 1, c);
                    Tensor dy = Samples.normal(rnd, 0, 1, n, c, h, w);
                    Map<String, Tensor> gin = Map.of("x", x, "gamma", gamma, "beta", beta);
                    Map<String, Tensor> lin = Map.of("x", x, "gamma", broadcast(gamma, h, w), "beta", broadcast(beta, h, w));
                    var gp = LayerProps.params("group_norm", Map.of("groups", 1));
                    var lp = LayerProps.params("layer_norm", Map.of());
                    close("y", seed, LN.forward(lin, lp).get("y"), GN.forward(gin, gp).get("y"));
                    Map<String, Tensor> lg = LN.backward(lin, Map.of("dy", dy), lp);
                    Map<String, Tensor> gg = GN.backward(gin, Map.of("dy", dy), gp);
                    close("dx", seed, lg.get("dx"), gg.get("dx"));
                    close("dgamma", seed, sumSpatial(lg.get("dgamma")), gg.get("dgamma"));
                    close("dbeta", seed, sumSpatial(lg.get("dbeta")), gg.get("dbeta"));
                });
    }

    @Test
    void channelManyGroupsIsInstanceNorm() {
        qt().withFixedSeed(SEED).withExamples(150)
                .forAll(integers().between(1, 4), integers().between(1, 5), integers().between(1, 4), longs().all())
                .checkAssert((n, c, h, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int w = 1 + rnd.nextInt(4);
                    Tensor x = LayerProps.channelData(rnd, n, c, h, w);
                    Map<String, Tensor> in = Map.of("x", x, "gamma", Samples.normal(rnd, 1, 0.5, c), "beta", Samples.normal(rnd, 0, 1, c));
                    Tensor dy = Samples.normal(rnd, 0, 1, n, c, h, w);
                    var gp = LayerProps.params("group_norm", Map.of("groups", c));
                    var ip = LayerProps.params("instance_norm", Map.of());
                    close("y", seed, IN.forward(in, ip).get("y"), GN.forward(in, gp).get("y"));
                    Map<String, Tensor> ig = IN.backward(in, Map.of("dy", dy), ip);
                    Map<String, Tensor> gg = GN.backward(in, Map.of("dy", dy), gp);
                    for (String g : new String[] {"dx", "dgamma", "dbeta"}) {
                        close(g, seed, ig.get(g), gg.get(g));
                    }
                });
    }
}
