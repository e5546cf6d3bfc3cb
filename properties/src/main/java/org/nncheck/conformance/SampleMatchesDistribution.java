package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.stats.InitializerVerification;
import org.nncheck.stats.MaskVerification;
import org.nncheck.stats.SampleVerdict;

/**
 * {@value #NAME}: an initializer's (or a dropout mask's) own draws, through the {@link Implementation#sampler} hook,
 * follow the SPEC's distribution: mean, variance and whole distribution (Kolmogorov-Smirnov),
 * Bonferroni-combined ({@link InitializerVerification}). The kit's whole run of these tests
 * has the false-alarm rate {@value #RUN_ALPHA}: each draw is tested at
 * {@code RUN_ALPHA / (parameter sets of all initializers in the catalogue)}. One draw per
 * supported parameter set, of the largest shape the entry's sample generator gives for it and at
 * least {@value #MIN_ELEMENTS} elements (a wider first dimension otherwise, which leaves the fans
 * of rank-2 and convolution shapes unchanged). Reports the measured std ratio (sample std over
 * the distribution's). For dropout and dropconnect the draw is the mask (1 = keep), tested by
 * {@link MaskVerification} (elements 0 or 1, kept count binomial with keep probability 1 - p), the
 * measured keep rate reported; parameter sets at test time draw no mask. Skipped, with the
 * reason, for an implementation without a sampler.
 */
final class SampleMatchesDistribution extends Rule {
    static final String NAME = "optional_sample_matches_distribution";
    /** False-alarm rate of all sampler tests of one run together. */
    static final double RUN_ALPHA = 1e-3;
    /** Smallest draw tested. */
    static final int MIN_ELEMENTS = 2000;

    SampleMatchesDistribution() {
        super(NAME);
    }

    /** Entries with a mask input drawn by the implementation: dropout's, dropconnect's. */
    static final java.util.Set<String> MASKED = java.util.Set.of("dropout", "dropconnect");

    @Override
    boolean appliesTo(Entry e) {
        return e.family() == Family.INITIALIZER || MASKED.contains(e.id());
    }

    /** The false-alarm rate of one draw. */
    static double alpha() {
        long sets = Catalogue.entries().stream().filter(new SampleMatchesDistribution()::appliesTo)
                .mapToLong(e -> e.sampleParams().size()).sum();
        return RUN_ALPHA / Math.max(1, sets);
    }

    @Override
    CheckResult check(Subject s) {
        Optional<Sampler> hook = s.impl.sampler(s.entry);
        if (hook == null || hook.isEmpty()) {
            return CheckResult.skip(s.key, NAME, s.impl.name() + " has no sampler hook (Implementation.sampler) for " + s.entry.id()
                    + ": its own draws are not tested");
        }
        double alpha = alpha();
        String drawn = MASKED.contains(s.entry.id()) ? "mask" : "w";
        Map<Integer, Sample> largest = new LinkedHashMap<>();
        for (Sample x : s.resolve().samples()) {
            Tensor w = x.inputs().get(drawn);
            if (x.edge() != null) {
                continue; // distributions are tested on the entry's sample parameter sets
            }
            if (drawn.equals("mask") && x.params().has("training") && !x.params().getBool("training")) {
                continue; // no mask is drawn at test time
            }
            Sample cur = largest.get(x.paramSet());
            if (w != null && (cur == null || w.size() > cur.inputs().get(drawn).size())) {
                largest.put(x.paramSet(), x);
            }
        }
        List<String> failed = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (Sample x : largest.values()) {
            int[] shape = widened(x.inputs().get(drawn).shape());
            long seed = s.sampleSeed(x.paramSet(), 99, 0);
            Tensor draw = hook.get().sample(shape.clone(), x.params(), seed);
            String where = "params#" + x.paramSet() + " " + x.params() + ", shape " + java.util.Arrays.toString(shape) + ", seed " + seed;
            if (draw == null || !java.util.Arrays.equals(draw.shape(), shape)) {
                failed.add(where + ": the sampler returned " + (draw == null ? "null" : "shape " + draw.shapeString()));
                continue;
            }
            SampleVerdict v = drawn.equals("mask") ? MaskVerification.verify(draw, 1 - x.params().getDouble("p"), alpha)
                    : InitializerVerification.verify(s.entry, x.params(), draw, alpha);
            String ratio = drawn.equals("mask") ? v.summary().replaceAll(",? two-sided.*|:.*", "") : stdRatio(s, x.params(), draw);
            ratios.add(ratio);
            if (!v.passed()) {
                failed.add(where + ": " + v.summary() + "; " + ratio + "\n      " + String.join("\n      ", v.details()));
            }
        }
        String rate = String.format(Locale.ROOT, "false-alarm rate %.2g per draw, %.0e per run", alpha, RUN_ALPHA);
        if (!failed.isEmpty()) {
            return CheckResult.fail(s.key, NAME, failed.size() + " of " + largest.size() + " draws rejected (" + rate + "):\n  "
                    + String.join("\n  ", failed));
        }
        return CheckResult.pass(s.key, NAME, largest.size() + " draws accepted (" + rate + "); " + String.join(", ", ratios));
    }

    private static int[] widened(int[] shape) {
        int[] out = shape.clone();
        long n = 1;
        for (int d : out) {
            n *= d;
        }
        if (out.length >= 1 && n > 0 && n < MIN_ELEMENTS) {
            out[0] = (int) Math.min(Integer.MAX_VALUE, (long) out[0] * ((MIN_ELEMENTS + n - 1) / n));
        }
        return out;
    }

    private static String stdRatio(Subject s, Params p, Tensor draw) {
        double want = s.entry.newReference().forward(Map.of("w", draw), p).get("std").get(0);
        double mean = 0;
        for (int i = 0; i < draw.size(); i++) {
            mean += draw.get(i) / draw.size();
        }
        double var = 0;
        for (int i = 0; i < draw.size(); i++) {
            var += (draw.get(i) - mean) * (draw.get(i) - mean) / Math.max(1, draw.size() - 1);
        }
        return want == 0 ? String.format(Locale.ROOT, "std %.3g (distribution: 0)", Math.sqrt(var))
                : String.format(Locale.ROOT, "std ratio %.4f", Math.sqrt(var) / want);
    }
}
