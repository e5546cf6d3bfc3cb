package org.nncheck.properties.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.init.Initializer;
import org.nncheck.stats.InitializerVerification;
import org.nncheck.stats.SampleVerdict;

/**
 * Measures the false-alarm rate of {@link InitializerVerification} (documented: at most
 * {@code ALPHA = 1e-3}) over many seeds, and its power on the known mistakes.
 */
class InitializerFalseAlarmTest {
    private static final long SEED = 20261123L;

    @Test
    void falseAlarmRateIsAtMostAlphaOverManySeeds() {
        SplittableRandom master = new SplittableRandom(SEED);
        int trials = 0;
        int rejected = 0;
        // small (exact/rounded KS distribution) and larger (Pelz-Good) samples
        int[][] shapes = {{5, 7}, {20, 30}, {4, 3, 3, 3}};
        for (Entry e : Catalogue.entries(Family.INITIALIZER)) {
            Initializer init = (Initializer) e.newReference();
            for (Map<String, Object> raw : e.sampleParams()) {
                Params p = e.params(raw);
                if (init.distribution(new int[] {2, 2}, p).getNumericalVariance() == 0) {
                    continue; // point masses cannot give a false alarm (tested below)
                }
                for (int[] shape : shapes) {
                    for (int i = 0; i < 200; i++) {
                        long seed = master.nextLong();
                        Tensor w = init.sample(shape, p, new SplittableRandom(seed));
                        SampleVerdict v = InitializerVerification.verify(e, p, w);
                        trials++;
                        if (!v.passed()) {
                            rejected++;
                            System.out.println("false alarm (seed " + seed + ", " + e.id() + " " + raw + "): " + v.summary());
                        }
                    }
                }
            }
        }
        double rate = (double) rejected / trials;
        System.out.printf("initializer false alarms: %d of %d (rate %.2e, documented bound %.0e)%n", rejected, trials, rate,
                InitializerVerification.ALPHA);
        // Under rate 1e-3 the count is ~Binomial(trials, 1e-3) (mean ~trials/1000); this bound is
        // exceeded with probability < 1e-4 (Poisson tail at mean + 4.5 sd + 3).
        double mean = trials * InitializerVerification.ALPHA;
        assertTrue(rejected <= mean + 4.5 * Math.sqrt(mean) + 3, rejected + " false alarms in " + trials + " trials");
        assertTrue(trials >= 10000, "enough trials: " + trials);
    }

    @Test
    void knownMistakesAreDetectedAtTheCaseSize() {
        Entry he = Catalogue.get("he_normal").orElseThrow();
        Entry xavier = Catalogue.get("xavier_normal").orElseThrow();
        Entry lecun = Catalogue.get("lecun_normal").orElseThrow();
        int[] shape = {300, 120};
        for (int s = 0; s < 20; s++) {
            SplittableRandom rnd = new SplittableRandom(SEED + s);
            Tensor heFanOut = ((Initializer) he.newReference()).sample(shape, he.params(Map.of("mode", "fan_out")), rnd);
            SampleVerdict v = InitializerVerification.verify(he, he.params(Map.of()), heFanOut);
            assertFalse(v.passed(), v.summary());
            assertTrue(v.summary().contains("the other fan mode"), v.summary());

            // a std 3% too large (z about 8 for the variance test at n = 36000) is rejected
            Tensor heSample = ((Initializer) he.newReference()).sample(shape, he.params(Map.of()), rnd);
            Tensor wide = heSample.map(q -> 1.03 * q);
            assertFalse(InitializerVerification.verify(he, he.params(Map.of()), wide).passed(), "std x 1.03 accepted");
            assertTrue(InitializerVerification.verify(he, he.params(Map.of()), heSample).passed(),
                    "the unscaled sample is accepted (seed " + (SEED + s) + "; false alarm rate 1e-3 per seed)");

            Tensor lecunSample = ((Initializer) lecun.newReference()).sample(shape, lecun.params(Map.of()), rnd);
            SampleVerdict vx = InitializerVerification.verify(xavier, xavier.params(Map.of()), lecunSample);
            assertFalse(vx.passed(), vx.summary());
        }
    }

    @Test
    void pointMassesAcceptDtypeRoundingOnly() {
        Entry c = Catalogue.find("constant_init").get(0);
        Params p = c.params(Map.of("value", 0.1));
        Tensor f32 = Tensor.filled((float) 0.1, 3, 4);
        assertTrue(InitializerVerification.verify(c, p, f32).passed());
        // bfloat16 rounding of 0.1 (8 significant bits): 0.10009765625
        assertTrue(InitializerVerification.verify(c, p, Tensor.filled(0.10009765625, 3, 4)).passed());
        Tensor off = Tensor.filled(0.1, 3, 4).with(5, 0.101);
        SampleVerdict v = InitializerVerification.verify(c, p, off);
        assertFalse(v.passed());
        assertEquals(List.of("point mass: 1 of 12 elements differ from 0.1, worst w[5] = 0.101"), v.details());
        Entry z = Catalogue.get("zeros").orElseThrow();
        assertFalse(InitializerVerification.verify(z, z.params(Map.of()), Tensor.filled(1e-30, 2, 2)).passed());
    }
}
