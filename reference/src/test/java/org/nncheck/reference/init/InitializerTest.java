package org.nncheck.reference.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.RealDistribution;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Examples of the initializers' distributions, fan rules and sampling. */
class InitializerTest {

    private static Entry entry(String id) {
        return Catalogue.find(id).stream().filter(e -> e.family() == Family.INITIALIZER).findFirst().orElseThrow();
    }

    private static RealDistribution dist(String id, Map<String, Object> raw, int... shape) {
        Entry e = entry(id);
        return ((Initializer) e.newReference()).distribution(shape, e.params(raw));
    }

    private static double std(String id, Map<String, Object> raw, int... shape) {
        return Math.sqrt(dist(id, raw, shape).getNumericalVariance());
    }

    @Test
    void fanRulesOfTheSpec() {
        Params p = entry("lecun_normal").params(Map.of());
        // SPEC: (D, M) -> fan_in D, fan_out M; (F, C, HH, WW) -> C*HH*WW, F*HH*WW
        assertEquals(300, Fans.fanIn("t", new int[] {300, 120}, p));
        assertEquals(120, Fans.fanOut("t", new int[] {300, 120}, p));
        assertEquals(3 * 5 * 5, Fans.fanIn("t", new int[] {16, 3, 5, 5}, p));
        assertEquals(16 * 5 * 5, Fans.fanOut("t", new int[] {16, 3, 5, 5}, p));
        Params o = entry("lecun_normal").params(Map.of("fan_in", 7));
        assertEquals(7, Fans.fanIn("t", new int[] {300, 120}, o));
        ContractException ex = assertThrows(ContractException.class, () -> dist("lecun_normal", Map.of(), 10));
        assertTrue(ex.getMessage().contains("lecun_normal") && ex.getMessage().contains("fan_in"), ex.getMessage());
        assertEquals(Math.sqrt(1.0 / 10), std("lecun_normal", Map.of("fan_in", 10), 10), 1e-15);
    }

    @Test
    void standardDeviationsOfTheSpecFormulas() {
        // Glorot & Bengio (2010) eq. 12: Var = 2 / (fan_in + fan_out)
        assertEquals(Math.sqrt(2.0 / 420), std("xavier_normal", Map.of(), 300, 120), 1e-16);
        // Glorot eq. 16: U(-b, b), b = sqrt(6 / (fan_in + fan_out)), variance b^2/3
        RealDistribution xu = dist("xavier_uniform", Map.of("gain", 2.0), 300, 120);
        assertEquals(-2 * Math.sqrt(6.0 / 420), xu.getSupportLowerBound(), 1e-15);
        assertEquals(2 * Math.sqrt(6.0 / 420), xu.getSupportUpperBound(), 1e-15);
        // He et al. (2015) eq. 10 and 15; PyTorch calculate_gain('leaky_relu', 0.2) = sqrt(2/(1+0.2^2))
        assertEquals(Math.sqrt(2.0 / 300), std("he_normal", Map.of(), 300, 120), 1e-16);
        assertEquals(Math.sqrt(2.0 / (1.04 * 300)), std("he_normal", Map.of("negative_slope", 0.2), 300, 120), 1e-16);
        assertEquals(Math.sqrt(2.0 / 120), std("he_normal", Map.of("mode", "fan_out"), 300, 120), 1e-16);
        assertEquals(Math.sqrt(6.0 / 300), dist("he_uniform", Map.of(), 300, 120).getSupportUpperBound(), 1e-16);
        // the lecture: randn/sqrt(fan_in) is lecun, randn/sqrt(fan_in/2) is he
        assertEquals(1 / Math.sqrt(300), std("lecun_normal", Map.of(), 300, 120), 1e-16);
        assertEquals(1 / Math.sqrt(300 / 2.0), std("he_normal", Map.of(), 300, 120), 1e-16);
        assertEquals(0.01, std("normal", Map.of(), 3, 3), 0);
        assertEquals(0.1, dist("constant", Map.of("value", 0.1), 2, 2).getNumericalMean(), 0);
        assertEquals(0, dist("zeros", Map.of(), 2, 2).getNumericalVariance(), 0);
    }

    @Test
    void uniformNeedsLowNotAboveHigh() {
        ContractException ex = assertThrows(ContractException.class, () -> dist("uniform", Map.of("low", 1.0, "high", 0.5), 2, 2));
        assertTrue(ex.getMessage().contains("uniform") && ex.getMessage().contains("low"), ex.getMessage());
        // low == high is the point mass there, as PyTorch's uniform_(a, a)
        assertEquals(0, dist("uniform", Map.of("low", 1.0, "high", 1.0), 2, 2).getNumericalVariance(), 0);
        assertEquals(1.0, dist("uniform", Map.of("low", 1.0, "high", 1.0), 2, 2).getNumericalMean(), 0);
    }

    @Test
    void forwardGivesTheDistributionsMoments() {
        Entry e = entry("uniform");
        Map<String, Tensor> out = e.newReference().forward(Map.of("w", Tensor.zeros(4, 5)), e.params(Map.of("low", -0.2, "high", 0.3)));
        assertEquals(0.05, out.get("mean").item(), 1e-16); // (low + high) / 2
        assertEquals(0.5 / Math.sqrt(12), out.get("std").item(), 1e-16); // (high - low) / sqrt(12)
    }

    @Test
    void largeSamplesHaveTheRightMoments() {
        // 10^6 draws: the sample std has relative sd 1/sqrt(2n) = 7e-4, the mean sd sigma/1000;
        // the bounds below are more than 10 sd wide (no false alarm in practice)
        Entry e = entry("he_normal");
        Params p = e.params(Map.of());
        Tensor w = ((Initializer) e.newReference()).sample(new int[] {1000, 1000}, p, new SplittableRandom(3));
        double s = 0;
        double ss = 0;
        for (int i = 0; i < w.size(); i++) {
            s += w.get(i);
            ss += w.get(i) * w.get(i);
        }
        double sigma = Math.sqrt(2.0 / 1000);
        assertEquals(0, s / w.size(), 0.01 * sigma);
        assertEquals(sigma, Math.sqrt(ss / w.size()), 0.01 * sigma);
        Tensor again = ((Initializer) e.newReference()).sample(new int[] {1000, 1000}, p, new SplittableRandom(3));
        assertEquals(w, again);
    }
}
