package org.nncheck.cases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.conformance.Rounding;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code verify}'s default tolerance raises no false alarm on correct low-precision cases of every
 * catalogue entry, parameter set and sample size, seeds 1..{@code nncheck.verify.seeds} (default
 * 20), in float32, float16 and bfloat16 (docs/TOLERANCES.md). Two correct producers, each writing
 * its outputs rounded to the case's dtype from inputs already rounded to it (as {@code generate}
 * writes its cases):
 * <ul>
 *   <li>the reference rounded ({@code generate}'s cases in the lower precision);</li>
 *   <li>a backward-stable implementation with another accumulation order: the exact result for
 *       its inputs and upstream gradients each perturbed by a relative {@code 2 u_a} (u_a the
 *       accumulation roundoff: the dtype's, float32's for the 16-bit formats, which accumulate
 *       in float32), the model of a correctly rounded sum in any order (Higham, Accuracy and
 *       Stability of Numerical Algorithms, 2nd ed., section 3.1). Where the result cancels
 *       (batch-norm dx, softmax dx) its error exceeds a fixed relative tolerance: the
 *       conditioning-aware allowance must accept it.</li>
 * </ul>
 */
class DefaultToleranceFalseAlarmTest {
    static final int SEEDS = Integer.getInteger("nncheck.verify.seeds", 20);
    /**
     * The largest excess over the plain default (error / default allowance) of a wrong-convention
     * case the conditioning-aware allowance may accept: a convention that far out is a clear bug
     * (the subtlest shipped float32 bug is 96 x the default), never excused by cancellation.
     */
    static final double ACCEPTED_EXCESS = 10;

    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT32", "FLOAT16", "BFLOAT16"})
    void correctLowPrecisionCasesPass(Dtype dtype) {
        List<String> alarms = new ArrayList<>();
        int cases = 0;
        List<String> widened = new ArrayList<>();
        CaseVerifier verifier = new CaseVerifier();
        for (Entry entry : Catalogue.entries()) {
            if (entry.family() == Family.INITIALIZER) {
                continue; // statistical cases, not compared element by element
            }
            for (Map<String, Object> raw : entry.sampleParams()) {
                Params params = entry.params(raw);
                for (int seed = 1; seed <= SEEDS; seed++) {
                    for (boolean stable : new boolean[] {false, true}) {
                        Case c = correctCase(entry, raw, params, dtype, seed, stable);
                        if (c == null) {
                            continue;
                        }
                        cases++;
                        CaseResult r = verifier.verify(c);
                        if (outsideDefault(entry, c)) {
                            widened.add(c.id());
                            // a case's own tolerance is the SPEC's formula exactly, never widened: the default's
                            // numbers as the case's own (atol at the smallest tensor scale) reject it
                            Tolerance d = dtype.defaultTolerance();
                            double s = c.expected().values().stream().mapToDouble(d::scale).min().orElse(1);
                            Case own = new Case(c.file(), c.line(), c.id(), c.component(), dtype, c.params(), c.locations(),
                                    c.inputs(), c.expected(), Optional.of(new Tolerance(d.rtol(), d.atol() * s)));
                            if (verifier.verify(own).status() != CaseResult.Status.FAIL) {
                                alarms.add(c.id() + ": passed with its own tolerance " + own.tolerance().get() + ", which it exceeds");
                            }
                        }
                        if (r.status() != CaseResult.Status.PASS) {
                            alarms.add(c.id() + ": " + r.status() + " " + (r.message() != null ? r.message()
                                    : r.tensors().stream().filter(t -> !t.passed()).map(TensorReport::describe).toList()));
                        }
                    }
                }
            }
        }
        System.out.println(dtype.jsonName() + ": " + cases + " correct cases, " + alarms.size() + " false alarms, "
                + widened.size() + " outside the plain default tolerance " + widened);
        assertTrue(cases > 1000, "too few cases generated: " + cases);
        if (dtype == Dtype.FLOAT32 && SEEDS >= 3) {
            // the preprocessing entries' cancelling results (standardize, whitening) need the conditioning term
            assertTrue(!widened.isEmpty(), "no float32 case needed the conditioning-aware allowance");
        }
        assertTrue(alarms.isEmpty(), alarms.size() + " false alarms of " + cases + " correct " + dtype.jsonName()
                + " cases:\n" + String.join("\n", alarms.subList(0, Math.min(30, alarms.size()))));
    }

    /**
     * The conditioning-aware allowance accepts no wrong convention that the plain default rejects:
     * cases written by every documented alternative of every entry (the known mistakes and the
     * other frameworks' conventions, computed by the alternative, rounded to the dtype) are
     * rejected by {@code verify} wherever they are outside the plain default tolerance.
     */
    @ParameterizedTest
    @EnumSource(value = Dtype.class, names = {"FLOAT64", "FLOAT32", "FLOAT16", "BFLOAT16"})
    void alternativesOutsideTheDefaultStayRejected(Dtype dtype) {
        List<String> accepted = new ArrayList<>();
        int rejected = 0;
        double worst = 0;
        CaseVerifier verifier = new CaseVerifier();
        for (Entry entry : Catalogue.entries()) {
            if (entry.family() == Family.INITIALIZER) {
                continue;
            }
            for (Alternative alt : entry.alternatives()) {
                for (Map<String, Object> raw : entry.sampleParams()) {
                    for (int seed = 1; seed <= Math.min(SEEDS, 5); seed++) {
                        Case c;
                        try {
                            c = alternativeCase(entry, alt, raw, dtype, seed);
                        } catch (RuntimeException e) {
                            continue; // the alternative does not apply to these parameters or inputs
                        }
                        double used = c == null ? 0 : defaultUsed(entry, c);
                        if (used <= 1) {
                            continue;
                        }
                        if (verifier.verify(c).status() == CaseResult.Status.FAIL) {
                            rejected++;
                        } else {
                            accepted.add(String.format(java.util.Locale.ROOT, "%s (%s): %.2f x the default", c.id(), alt.name(), used));
                            worst = Math.max(worst, used);
                        }
                    }
                }
            }
        }
        System.out.println(dtype.jsonName() + ": " + rejected + " wrong-convention cases outside the default rejected, "
                + accepted.size() + " accepted " + accepted);
        assertTrue(rejected > 100, "too few wrong cases: " + rejected);
        // accepted only where the convention differs from the SPEC by less than the cancellation in the reference
        // computation (e.g. eps outside the square root of a normalization, a few times the default away)
        assertTrue(worst <= ACCEPTED_EXCESS, accepted.size() + " wrong-convention cases accepted, up to " + worst
                + " x the default:\n" + String.join("\n", accepted));
    }

    /** A case written by the alternative {@code alt} in {@code dtype}, with the SPEC's parameters; null where the reference refuses the inputs. */
    static Case alternativeCase(Entry entry, Alternative alt, Map<String, Object> raw, Dtype dtype, int seed) {
        Params params = entry.params(raw);
        Case spec = correctCase(entry, raw, params, dtype, seed, false);
        if (spec == null) {
            return null;
        }
        Component comp = alt.component() != null ? alt.component() : entry.newReference();
        Params ap = alt.params().apply(params);
        Map<String, Tensor> in = new HashMap<>();
        Map<String, Tensor> up = new HashMap<>();
        spec.inputs().forEach((k, v) -> (entry.input(k).isPresent() ? in : up).put(k, v));
        Map<String, Tensor> expected = new LinkedHashMap<>();
        comp.forward(new HashMap<>(in), ap).forEach((k, v) -> {
            if (spec.expected().containsKey(k)) {
                expected.put(k, Rounding.round(dtype, v));
            }
        });
        if (!up.isEmpty()) {
            comp.backward(new HashMap<>(in), new HashMap<>(up), ap).forEach((k, v) -> {
                if (spec.expected().containsKey(k)) {
                    expected.put(k, Rounding.round(dtype, v));
                }
            });
        }
        if (!expected.keySet().equals(spec.expected().keySet())) {
            return null;
        }
        String id = spec.id() + "-" + alt.name().replaceAll("[^A-Za-z0-9]+", "_");
        return new Case(spec.file(), 1, id, entry.id(), dtype, raw, Map.of(), spec.inputs(), expected, Optional.empty());
    }

    /** A case as a correct implementation in {@code dtype} would write it; null where the reference refuses the rounded inputs. */
    static Case correctCase(Entry entry, Map<String, Object> raw, Params params, Dtype dtype, int seed, boolean stable) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + entry.id().hashCode());
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        entry.samples().sample(rnd, params, seed % 3).forEach((k, v) -> inputs.put(k, Rounding.round(dtype, v)));
        Component ref = entry.newReference();
        try {
            Map<String, Tensor> forward = ref.forward(new HashMap<>(inputs), params);
            Map<String, Tensor> upstream = new LinkedHashMap<>();
            if (entry.differentiable()) {
                for (String out : entry.differentiatedOutputs()) {
                    Tensor o = forward.get(out);
                    if (o != null) {
                        upstream.put("d" + out, Rounding.round(dtype, Samples.normal(rnd, 0, 1, o.shape())));
                    }
                }
            }
            Map<String, Tensor> in = inputs;
            Map<String, Tensor> up = upstream;
            if (stable) {
                double eps = 2 * Math.min(dtype.unitRoundoff(), Dtype.FLOAT32.unitRoundoff());
                in = new HashMap<>();
                for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                    boolean diff = entry.input(e.getKey()).map(TensorSpec::differentiable).orElse(false);
                    in.put(e.getKey(), diff || !entry.differentiable() ? jitter(e.getValue(), eps, rnd) : e.getValue());
                }
                up = new HashMap<>();
                for (Map.Entry<String, Tensor> e : upstream.entrySet()) {
                    up.put(e.getKey(), jitter(e.getValue(), eps, rnd));
                }
            }
            Map<String, Tensor> expected = new LinkedHashMap<>();
            ref.forward(new HashMap<>(in), params).forEach((k, v) -> expected.put(k, Rounding.round(dtype, v)));
            if (!upstream.isEmpty()) {
                ref.backward(new HashMap<>(in), new HashMap<>(up), params).forEach((k, v) -> expected.put(k, Rounding.round(dtype, v)));
            }
            Map<String, Tensor> all = new LinkedHashMap<>(inputs);
            all.putAll(upstream);
            String id = entry.id() + "-" + dtype.jsonName() + "-" + seed + (stable ? "-stable" : "-rounded");
            return new Case(Path.of(id + ".json"), 1, id, entry.id(), dtype, raw, Map.of(), all, expected, Optional.empty());
        } catch (ContractException e) {
            return null;
        }
    }

    /** Whether some expected tensor of the case is outside the dtype's plain default tolerance. */
    static boolean outsideDefault(Entry entry, Case c) {
        return defaultUsed(entry, c) > 1;
    }

    /** The largest share of the dtype's plain default tolerance that the case's tensors use. */
    static double defaultUsed(Entry entry, Case c) {
        Component ref = entry.newReference();
        Params params = entry.params(c.params());
        Map<String, Tensor> in = new HashMap<>();
        Map<String, Tensor> up = new HashMap<>();
        c.inputs().forEach((k, v) -> (entry.input(k).isPresent() ? in : up).put(k, v));
        Map<String, Tensor> got = new HashMap<>(ref.forward(new HashMap<>(in), params));
        if (!up.isEmpty()) {
            got.putAll(ref.backward(new HashMap<>(in), new HashMap<>(up), params));
        }
        return c.expected().entrySet().stream().filter(e -> got.get(e.getKey()) != null)
                .mapToDouble(e -> {
                    TensorReport r = TensorReport.compare(e.getKey(), got.get(e.getKey()), e.getValue(), c.dtype().defaultTolerance());
                    return r.passed() ? r.toleranceUsed() : Math.max(r.toleranceUsed(), Math.nextUp(1.0));
                }).max().orElse(0);
    }

    /** Every floating-point element multiplied by {@code 1 + eps d}, d uniform in [-1, 1]. */
    private static Tensor jitter(Tensor t, double eps, SplittableRandom rnd) {
        return t.isIntegral() ? t : t.map(v -> v * (1 + eps * (2 * rnd.nextDouble() - 1)));
    }
}
