package org.nncheck.stats;

import org.nncheck.numeric.CompensatedSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.init.Initializer;

/**
 * Statistical verification of a weight sample drawn by an implementation under test against the
 * reference initializer's distribution (SPEC.md section 1, "Initializers").
 *
 * <p>The elements of {@code w} are taken as an i.i.d. sample of size {@code n} from the
 * distribution {@code F} of {@link Initializer#distribution(int[], Params)} for {@code w}'s
 * shape, mean {@code mu}, variance {@code sigma^2}. Three two-sided tests are run:
 * <ol>
 *   <li><b>mean</b>: {@code z = (mean(w) - mu) / (sigma / sqrt(n))}, p-value from the
 *       standard normal (exact for a normal {@code F}, central limit theorem otherwise);</li>
 *   <li><b>variance</b>: the unbiased sample variance {@code s^2}. For a normal {@code F},
 *       {@code (n-1) s^2 / sigma^2 ~ chi^2(n-1)} exactly; otherwise the normal approximation
 *       {@code Var(s^2) = (mu4 - sigma^4 (n-3)/(n-1)) / n} with the distribution's fourth central
 *       moment ({@code 9/5 sigma^4} for a uniform); the p-value is two-sided
 *       ({@code 2 min(P, 1-P)});</li>
 *   <li><b>distribution</b>: the one-sample Kolmogorov-Smirnov test against {@code F}
 *       (commons-math3 {@link KolmogorovSmirnovTest}: exact or Pelz-Good distribution of
 *       {@code D_n}).</li>
 * </ol>
 * Each test rejects when its p-value is below {@code ALPHA / 3}: by Bonferroni's inequality
 * the probability that a correct sample is rejected (the false-alarm rate) is at most
 * {@link #ALPHA} {@code = 1e-3} for any dependence between the three tests (exactly so for
 * normal distributions, whose mean and variance tests are exact; for uniform distributions the
 * mean and variance tests use normal approximations, accurate from a few dozen elements). The
 * rate is measured over many seeds in the properties module's InitializerFalseAlarmTest: 16 of
 * 11400 correct samples of 35 to 600 elements rejected (1.4e-3, within the binomial spread of
 * 1e-3: P(X >= 16) = 0.11 at rate 1e-3), and about 1e-3 in longer runs of 20000-30000 samples
 * per initializer (lecun_normal 5x7: 8.7e-4, 20x30: 1.0e-3; xavier_uniform 5x7: 6.7e-4,
 * 20x30: 9.0e-4).
 *
 * <p>Point masses ({@code zeros}, {@code constant}): every element must equal the value up to
 * the rounding of the coarsest case dtype, bfloat16 ({@code |w - v| <= 2^-8 |v|}, so that a
 * float32, float16 or bfloat16 sample of 0.1 passes; zeros must be exactly 0); no false alarm
 * is possible.
 *
 * <p>Power (what it detects): with the SPEC cases' 300 x 120 samples (n = 36000) the
 * variance statistic has a relative sd of {@code sqrt(2/n) = 0.75%} and the per-test critical
 * z is 3.59, so a standard deviation off by 2% (variance off 4%, z = 5.4) is rejected with
 * probability about 0.96 and one off by 3% almost surely; a mean off by 0.03 sigma (z = 5.7)
 * with probability about 0.98 (normal approximation of the power). The He-with-fan_out and
 * lecun-called-xavier mistakes (std off by 58% and 16%) and a shifted uniform are rejected
 * with p-values below 1e-300. Small samples (a few elements) have
 * little power: that is statistics, not a bug.
 *
 * <p>When the sample fails, every {@link Alternative} of the entry whose component is an
 * {@link Initializer} (or whose parameters change) is tried with the same tests, and those
 * the sample passes are named in the details ("would match under: ...").
 */
public final class InitializerVerification {
    private InitializerVerification() {
    }

    /** Overall false-alarm rate (probability of rejecting a correct sample), at most. */
    public static final double ALPHA = 1e-3;

    /** Number of tests combined by Bonferroni. */
    public static final int TESTS = 3;

    /** Per-test significance level {@code ALPHA / TESTS}. */
    public static final double PER_TEST_ALPHA = ALPHA / TESTS;

    /** Relative tolerance for point masses: bfloat16 rounding (8 significant bits). */
    public static final double POINT_MASS_RTOL = 0x1p-8;

    /**
     * Tests the sample {@code w} against the entry's reference initializer.
     *
     * @param entry a catalogue entry of family initializer (its reference is an {@link Initializer})
     * @param params validated parameters of that entry
     * @param w the sample drawn by the implementation under test
     * @return the verdict; {@code passed} is false with probability at most {@link #ALPHA} for
     *     a correct sample
     * @throws ContractException when the entry is not an initializer, or the shape gives no fan
     *     and no override is given
     */
    public static SampleVerdict verify(Entry entry, Params params, Tensor w) {
        return verify(entry, params, w, ALPHA);
    }

    /**
     * {@link #verify(Entry, Params, Tensor)} at an overall false-alarm rate {@code alpha} (the
     * conformance kit splits its run's rate over the samples it tests, Bonferroni).
     */
    public static SampleVerdict verify(Entry entry, Params params, Tensor w, double alpha) {
        Component c = entry.newReference();
        if (!(c instanceof Initializer init)) {
            throw new ContractException(entry.id() + " is not an initializer: no statistical verification");
        }
        RealDistribution dist = init.distribution(w.shape(), params);
        Result r = test(dist, w, alpha);
        List<String> details = new ArrayList<>(r.details);
        if (r.passed) {
            return new SampleVerdict(true, entry.id() + ": sample of " + w.size() + " accepted (" + r.worst + ")", details);
        }
        List<String> matches = new ArrayList<>();
        for (Alternative alt : entry.alternatives()) {
            try {
                Initializer altInit = alt.component() instanceof Initializer ai ? ai : init;
                if (alt.component() != null && !(alt.component() instanceof Initializer)) {
                    continue;
                }
                Params altParams = alt.params().apply(params);
                Result ar = test(altInit.distribution(w.shape(), altParams), w, alpha);
                if (ar.passed) {
                    matches.add(alt.name());
                }
            } catch (RuntimeException e) {
                // an alternative that does not apply to these parameters is simply not a match
            }
        }
        String would = matches.isEmpty() ? "" : "; would match under: " + String.join(", ", matches);
        if (!matches.isEmpty()) {
            details.add("would match under: " + String.join(", ", matches));
        }
        return new SampleVerdict(false, entry.id() + ": sample of " + w.size() + " rejected (" + r.worst + ")" + would, details);
    }

    /** Tests a sample against a distribution with the three Bonferroni-combined tests. */
    public static SampleVerdict verify(RealDistribution dist, Tensor w) {
        Result r = test(dist, w, ALPHA);
        return new SampleVerdict(r.passed, (r.passed ? "accepted (" : "rejected (") + r.worst + ")", r.details);
    }

    private record Result(boolean passed, String worst, List<String> details) {
    }

    private static Result test(RealDistribution dist, Tensor w, double alpha) {
        double perTestAlpha = alpha / TESTS;
        int n = w.size();
        double[] x = w.toArray();
        List<String> details = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                return new Result(false, "non-finite value " + x[i] + " at flat index " + i, List.of("w[" + i + "] = " + x[i]));
            }
        }
        double mu = dist.getNumericalMean();
        double var = dist.getNumericalVariance();
        if (var == 0) {
            int bad = 0;
            int worstIndex = -1;
            double worstErr = 0;
            for (int i = 0; i < n; i++) {
                double err = Math.abs(x[i] - mu);
                if (err > POINT_MASS_RTOL * Math.abs(mu)) {
                    bad++;
                    if (err > worstErr) {
                        worstErr = err;
                        worstIndex = i;
                    }
                }
            }
            String line = bad == 0 ? "every element equals " + mu
                    : bad + " of " + n + " elements differ from " + mu + ", worst w[" + worstIndex + "] = " + x[worstIndex];
            details.add("point mass: " + line);
            return new Result(bad == 0, line, details);
        }
        if (n == 0) {
            throw new ContractException("the sample 'w' is empty: there is nothing to verify");
        }
        // two-pass mean and variance with compensated sums
        double mean = CompensatedSum.of(x) / n;
        double[] dev2 = new double[n];
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            dev2[i] = d * d;
        }
        double s2 = CompensatedSum.of(dev2) / (n - 1);
        double sigma = Math.sqrt(var);
        NormalDistribution std = new NormalDistribution(null, 0, 1, NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);

        double z = (mean - mu) / (sigma / Math.sqrt(n));
        double pMean = 2 * std.cumulativeProbability(-Math.abs(z));
        details.add(String.format(Locale.ROOT, "mean: sample %.6g, expected %.6g, z = %.3f, p = %.3g (reject below %.3g)",
                mean, mu, z, pMean, perTestAlpha));

        double pVar;
        if (n < 2) {
            // one element: its mean and distribution are tested; a variance needs two
            pVar = 1;
            details.add("variance: not testable with one element");
        } else if (dist instanceof NormalDistribution) {
            ChiSquaredDistribution chi = new ChiSquaredDistribution(null, n - 1);
            double stat = (n - 1) * s2 / var;
            double lower = chi.cumulativeProbability(stat);
            pVar = 2 * Math.min(lower, 1 - lower);
        } else {
            double mu4 = dist instanceof UniformRealDistribution ? 9.0 / 5.0 * var * var : centralMoment4(x, mean);
            double varS2 = (mu4 - var * var * (n - 3.0) / (n - 1.0)) / n;
            double zv = (s2 - var) / Math.sqrt(varS2);
            pVar = 2 * std.cumulativeProbability(-Math.abs(zv));
        }
        pVar = Math.min(1, Math.max(0, pVar));
        if (n >= 2) {
            details.add(String.format(Locale.ROOT, "variance: sample %.6g (std %.6g), expected %.6g (std %.6g), ratio %.4f, p = %.3g",
                s2, Math.sqrt(s2), var, sigma, s2 / var, pVar));
        }

        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double d;
        double pKs;
        if (n == 1) {
            // one point: D = max(F(x), 1 - F(x)) and, F(X) being uniform, P(D >= d) = 2 (1 - d) exactly
            double f = dist.cumulativeProbability(x[0]);
            d = Math.max(f, 1 - f);
            pKs = Math.min(1, Math.max(0, 2 * (1 - d)));
        } else {
            d = ks.kolmogorovSmirnovStatistic(dist, x);
            pKs = Math.min(1, Math.max(0, ks.kolmogorovSmirnovTest(dist, x, false)));
        }
        details.add(String.format(Locale.ROOT, "distribution: Kolmogorov-Smirnov D = %.5f, p = %.3g", d, pKs));

        double[] ps = {pMean, pVar, pKs};
        String[] names = {"mean", "variance", "Kolmogorov-Smirnov"};
        int worst = 0;
        for (int i = 1; i < ps.length; i++) {
            if (ps[i] < ps[worst]) {
                worst = i;
            }
        }
        boolean passed = pMean >= perTestAlpha && pVar >= perTestAlpha && pKs >= perTestAlpha;
        String worstText = String.format(Locale.ROOT, "smallest p-value %.3g by the %s test, threshold %.3g = %.0e / %d",
                ps[worst], names[worst], perTestAlpha, alpha, TESTS);
        if (!passed) {
            worstText += String.format(Locale.ROOT, "; sample mean %.6g vs %.6g, std %.6g vs %.6g", mean, mu, Math.sqrt(s2), sigma);
        }
        return new Result(passed, worstText, details);
    }

    private static double centralMoment4(double[] x, double mean) {
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            t[i] = d * d * d * d;
        }
        return CompensatedSum.of(t) / x.length;
    }
}
