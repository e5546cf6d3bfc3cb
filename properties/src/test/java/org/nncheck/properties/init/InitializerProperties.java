package org.nncheck.properties.init;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.init.Initializer;

/**
 * Properties of the reference initializers (QuickTheories, fixed seed; printed on failure):
 * the fan rules of SPEC.md for dense (D, M) and conv (F, C, HH, WW) shapes, overrides, the
 * relations between initializers, reproducible sampling and bounded uniform samples.
 */
class InitializerProperties {
    private static final long SEED = 0x5EED_1A17L;

    private static Entry entry(String id) {
        return Catalogue.find(id).stream().filter(e -> e.family() == org.nncheck.catalogue.Family.INITIALIZER).findFirst()
                .orElseThrow();
    }

    private static double std(String id, Map<String, Object> raw, int... shape) {
        Entry e = entry(id);
        return e.newReference().forward(Map.of("w", Tensor.zeros(shape)), e.params(raw)).get("std").item();
    }

    private static void close(double actual, double expected, String what) {
        if (!(Math.abs(actual - expected) <= 1e-14 * Math.abs(expected))) {
            throw new AssertionError(what + ": " + actual + " vs " + expected);
        }
    }

    @Test
    void fanRulesForDenseAndConvWeights() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 64), integers().between(1, 64), integers().between(1, 5), integers().between(1, 5))
                .checkAssert((a, b, kh, kw) -> {
                    // dense (D, M): fan_in = D, fan_out = M
                    close(std("lecun_normal", Map.of(), a, b), Math.sqrt(1.0 / a), "lecun dense");
                    close(std("xavier_normal", Map.of(), a, b), Math.sqrt(2.0 / (a + b)), "xavier dense");
                    close(std("he_normal", Map.of(), a, b), Math.sqrt(2.0 / a), "he dense");
                    close(std("he_normal", Map.of("mode", "fan_out"), a, b), Math.sqrt(2.0 / b), "he dense fan_out");
                    // conv (F, C, HH, WW): fan_in = C*HH*WW, fan_out = F*HH*WW
                    int fanIn = b * kh * kw;
                    int fanOut = a * kh * kw;
                    close(std("lecun_normal", Map.of(), a, b, kh, kw), Math.sqrt(1.0 / fanIn), "lecun conv");
                    close(std("xavier_uniform", Map.of(), a, b, kh, kw), Math.sqrt(2.0 / (fanIn + fanOut)), "xavier_uniform conv");
                    close(std("he_uniform", Map.of("negative_slope", 0.5), a, b, kh, kw), Math.sqrt(2.0 / (1.25 * fanIn)), "he_uniform conv");
                    // overrides win over the shape
                    close(std("xavier_normal", Map.of("fan_in", 7, "fan_out", 9), a, b, kh, kw), Math.sqrt(2.0 / 16), "override");
                    // the lecture's randn/sqrt(fan_in/2) is He: sqrt(2) times LeCun
                    close(std("he_normal", Map.of(), a, b), Math.sqrt(2) * std("lecun_normal", Map.of(), a, b), "he = sqrt2 lecun");
                });
    }

    @Test
    void samplingIsReproducibleAndUniformSamplesStayInBounds() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(1, 30), integers().between(1, 30))
                .checkAssert((s, d, m) -> {
                    for (Entry e : Catalogue.entries(org.nncheck.catalogue.Family.INITIALIZER)) {
                        Initializer init = (Initializer) e.newReference();
                        Params p = e.params(e.sampleParams().get(e.sampleParams().size() - 1));
                        Tensor w1 = init.sample(new int[] {d, m}, p, new SplittableRandom(s));
                        Tensor w2 = init.sample(new int[] {d, m}, p, new SplittableRandom(s));
                        if (!w1.equals(w2)) {
                            throw new AssertionError(e.id() + " not reproducible for seed " + s);
                        }
                        var dist = init.distribution(new int[] {d, m}, p);
                        for (int i = 0; i < w1.size(); i++) {
                            double v = w1.get(i);
                            if (v < dist.getSupportLowerBound() || v > dist.getSupportUpperBound()) {
                                throw new AssertionError(e.id() + " sample " + v + " outside the support");
                            }
                        }
                    }
                });
    }
}
