package org.nncheck.stats;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.nncheck.core.Tensor;

/**
 * A dropout mask drawn by an implementation (1 = keep, 0 = drop) tested against independent
 * Bernoulli draws with keep probability {@code 1 - p}: every element 0 or 1, and the number kept
 * within the two-sided exact binomial test at false-alarm rate {@code alpha} (the kept count of
 * n independent Bernoulli(q) draws is Binomial(n, q)).
 */
public final class MaskVerification {
    private MaskVerification() {
    }

    /**
     * @param mask the implementation's mask
     * @param keep the keep probability {@code 1 - p}
     * @param alpha the false-alarm rate of this test
     */
    public static SampleVerdict verify(Tensor mask, double keep, double alpha) {
        int n = mask.size();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double v = mask.get(i);
            if (v != 0 && v != 1) {
                return new SampleVerdict(false, "mask element " + i + " is " + v + ", not 0 or 1", List.of());
            }
            kept += (int) v;
        }
        double rate = n == 0 ? Double.NaN : (double) kept / n;
        String measured = String.format(Locale.ROOT, "keep rate %.4f (SPEC %.4f, %d of %d kept)", rate, keep, kept, n);
        if (keep == 0 || keep == 1) {
            boolean ok = kept == (keep == 1 ? n : 0);
            return new SampleVerdict(ok, measured + (ok ? "" : ": the SPEC's probability is exact here"), List.of());
        }
        BinomialDistribution b = new BinomialDistribution(null, n, keep);
        double lower = b.cumulativeProbability(kept);
        double upper = kept == 0 ? 1 : 1 - b.cumulativeProbability(kept - 1);
        double pValue = Math.min(1, 2 * Math.min(lower, upper));
        boolean ok = pValue >= alpha;
        return new SampleVerdict(ok, measured + String.format(Locale.ROOT, ", two-sided binomial p-value %.3g %s %.2g", pValue,
                ok ? ">=" : "<", alpha), List.of());
    }
}
