package org.nncheck.properties.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.activation.Relu;
import org.nncheck.reference.activation.Sigmoid;

/**
 * The conformance kit must pass the reference and fail a deliberately broken implementation on
 * exactly the checks its bugs violate.
 */
class ConformanceKitTest {
    private static final long SEED = 7L;
    private static final List<Entry> TWO = List.of(Catalogue.get("sigmoid").orElseThrow(), Catalogue.get("relu").orElseThrow());

    private static Set<String> failing(List<CheckResult> results) {
        return results.stream().filter(CheckResult::failed).map(r -> r.entry() + " " + r.check())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theReferencePassesEveryCheck() {
        List<CheckResult> r = ConformanceKit.run(Implementation.reference(), SEED);
        assertEquals(Set.of(), failing(r), () -> r.stream().filter(CheckResult::failed).map(CheckResult::line)
                .collect(Collectors.joining("\n")));
        assertTrue(r.stream().anyMatch(x -> x.check().equals(ConformanceKit.GRADCHECK) && x.passed()));
        assertTrue(ConformanceKit.summary(r).matches("\\d+ passed, 0 failed(, \\d+ skipped)?"), ConformanceKit.summary(r));
        assertEquals(0, ConformanceKit.exitCode(r));
    }

    /** Sigmoid with two bugs: a 1e-9 relative forward error, and one ulp of call-to-call state. */
    static final class BrokenSigmoid implements Component {
        private int calls;

        @Override
        public String id() {
            return "sigmoid";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            boolean odd = calls++ % 2 == 1;
            Tensor y = new Sigmoid().forward(in, p).get("y");
            return Map.of("y", y.map(v -> {
                double w = v * (1 + 1e-9);
                return odd ? Math.nextUp(w) : w;
            }));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            return new Sigmoid().backward(in, up, p);
        }
    }

    /**
     * Relu with three bugs: a leaky backward (0.01 for x &lt; 0), a missing x read as zeros
     * instead of a ContractException, and a cache written into the caller's input map.
     */
    static final class BrokenRelu implements Component {
        @Override
        public String id() {
            return "relu";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor x = in.getOrDefault("x", Tensor.zeros(1));
            Tensor y = x.map(v -> Math.max(v, 0));
            in.put("relu_cache", y);
            return Map.of("y", y);
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = in.get("x");
            Tensor dy = up.get("dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                dx[i] = dy.get(i) * (x.get(i) > 0 ? 1 : 0.01);
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }

        @Override
        public Kinks kinks() {
            return Kinks.atPoints("x", 0);
        }
    }

    @Test
    void aBrokenImplementationFailsExactlyTheChecksItViolates() {
        Implementation broken = Implementation.of("broken", id -> switch (id) {
            case "sigmoid" -> Optional.of(new BrokenSigmoid());
            case "relu" -> Optional.of(new BrokenRelu());
            default -> Optional.empty();
        });
        List<CheckResult> r = ConformanceKit.run(broken, SEED, TWO);
        assertEquals(new TreeSet<>(Set.of(
                "activation/sigmoid " + ConformanceKit.FORWARD,
                "activation/sigmoid " + ConformanceKit.DETERMINISTIC,
                "activation/relu " + ConformanceKit.BACKWARD,
                "activation/relu " + ConformanceKit.GRADCHECK,
                "activation/relu " + ConformanceKit.MISSING_INPUT,
                "activation/relu " + ConformanceKit.UNCHANGED)), failing(r),
                () -> r.stream().map(CheckResult::line).collect(Collectors.joining("\n")));
        CheckResult fwd = r.stream().filter(x -> x.entry().equals("activation/sigmoid") && x.check().equals(ConformanceKit.FORWARD))
                .findFirst().orElseThrow();
        assertTrue(fwd.detail().contains("sample seed") && fwd.detail().contains("got"), fwd.detail());
        assertEquals(1, ConformanceKit.exitCode(r));
    }

    @Test
    void entriesNotProvidedAreSkippedNotFailed() {
        List<CheckResult> r = ConformanceKit.run(Implementation.of("only relu", id -> id.equals("relu")
                ? Optional.of(new Relu()) : Optional.empty()), SEED, TWO);
        CheckResult sig = r.stream().filter(x -> x.entry().equals("activation/sigmoid")).findFirst().orElseThrow();
        assertTrue(sig.skipped() && sig.check().equals(ConformanceKit.PROVIDED), sig.line());
        assertFalse(r.stream().anyMatch(CheckResult::failed));
    }

    /** An implementation computing in float32 (outputs and gradients rounded to float). */
    private static Implementation float32(Dtype claimed) {
        return Implementation.of("float32", id -> {
            Optional<Entry> e = Catalogue.get(id);
            return e.map(entry -> {
                Component ref = entry.newReference();
                return new Component() {
                    @Override
                    public String id() {
                        return ref.id();
                    }

                    @Override
                    public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                        return round(ref.forward(in, p));
                    }

                    @Override
                    public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                        return round(ref.backward(in, up, p));
                    }

                    @Override
                    public Kinks kinks() {
                        return ref.kinks();
                    }
                };
            });
        }, claimed);
    }

    private static Map<String, Tensor> round(Map<String, Tensor> m) {
        Map<String, Tensor> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.isIntegral() ? v : v.map(x -> (float) x)));
        return out;
    }

    @Test
    void theToleranceFollowsTheImplementationsUnitRoundoff() {
        List<CheckResult> ok = ConformanceKit.run(float32(Dtype.FLOAT32), SEED, TWO);
        assertEquals(Set.of(), failing(ok), () -> ok.stream().map(CheckResult::line).collect(Collectors.joining("\n")));
        List<CheckResult> strict = ConformanceKit.run(float32(Dtype.FLOAT64), SEED, TWO);
        assertTrue(failing(strict).contains("activation/sigmoid " + ConformanceKit.FORWARD), failing(strict).toString());
    }
}
