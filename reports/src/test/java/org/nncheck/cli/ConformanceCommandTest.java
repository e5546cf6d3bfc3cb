package org.nncheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** {@code nncheck conformance} on a user's class: the whole detail of a failure, the exit codes. */
class ConformanceCommandTest {

    /** A user's implementation (public, no-argument constructor) whose sigmoid gradient is twice too large. */
    public static final class WrongGradient implements Implementation {
        @Override
        public String name() {
            return "wrong gradient";
        }

        @Override
        public Optional<Component> component(Entry entry) {
            if (!entry.id().equals("sigmoid")) {
                return Optional.empty();
            }
            Component ref = entry.newReference();
            return Optional.of(new Component() {
                @Override
                public String id() {
                    return "sigmoid";
                }

                @Override
                public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                    return ref.forward(in, p);
                }

                @Override
                public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                    return Map.of("dx", ref.backward(in, up, p).get("dx").map(v -> 2 * v));
                }
            });
        }
    }

    @Test
    void aFailurePrintsItsWholeDetailAndExitsOne() {
        VerifyCommandTest.Run r = VerifyCommandTest.run("conformance", "--impl", WrongGradient.class.getName(), "--component", "sigmoid");
        assertEquals(1, r.exit(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("FAIL activation/sigmoid required_backward_matches_reference  failed on"), out);
        // the detail's further lines, indented: the differing tensor, and the gradient check's table
        assertTrue(out.contains("\n    ") && out.contains("'dx' differs at"), out);
        assertTrue(out.matches("(?s).*FAIL activation/sigmoid required_gradient_check.*\\n    .*FAIL dx.*"), out);
        assertTrue(out.strip().matches("(?s).*\\n\\d+ passed, 2 failed"), out);
    }

    @Test
    void aNonPositiveTimeoutIsAnArgumentError() {
        VerifyCommandTest.Run r = VerifyCommandTest.run("conformance", "--component", "relu", "--timeout", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--timeout"), r.err());
    }
}
