package org.nncheck.reference.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** The catalogue entries and the errors a caller gets for bad input. */
class ActivationContractTest {

    private static Entry entry(String id) {
        return Catalogue.get(id).orElseThrow();
    }

    private static ContractException forwardFails(String id, Map<String, Object> params, Map<String, Tensor> in) {
        Entry e = entry(id);
        return assertThrows(ContractException.class, () -> e.newReference().forward(in, e.params(params)));
    }

    @Test
    void preluRejectsAWrongAlphaShape() {
        Tensor x = Tensor.zeros(4, 3, 5);
        ContractException ex = forwardFails("prelu", Map.of(), Map.of("x", x, "alpha", Tensor.zeros(2)));
        assertTrue(ex.getMessage().contains("prelu") && ex.getMessage().contains("'alpha'") && ex.getMessage().contains("[3]")
                && ex.getMessage().contains("[2]"), ex.getMessage());
        ex = forwardFails("prelu", Map.of(), Map.of("x", Tensor.zeros(5), "alpha", Tensor.zeros(5)));
        assertTrue(ex.getMessage().contains("channel"), ex.getMessage());
        ex = forwardFails("prelu", Map.of(), Map.of("x", x));
        assertTrue(ex.getMessage().contains("'alpha'"), ex.getMessage());
    }

    @Test
    void maxoutRejectsShapesThatDoNotFit() {
        Tensor x = Tensor.zeros(4, 5);
        ContractException ex = forwardFails("maxout", Map.of(),
                Map.of("x", x, "w", Tensor.zeros(3, 4, 6), "b", Tensor.zeros(3, 6)));
        assertTrue(ex.getMessage().contains("maxout") && ex.getMessage().contains("'w'") && ex.getMessage().contains("[3, 4, 6]"),
                ex.getMessage());
        ex = forwardFails("maxout", Map.of(), Map.of("x", x, "w", Tensor.zeros(3, 5, 6), "b", Tensor.zeros(6)));
        assertTrue(ex.getMessage().contains("'b'") && ex.getMessage().contains("[3, 6]"), ex.getMessage());
        ex = forwardFails("maxout", Map.of(), Map.of("x", Tensor.zeros(4, 5, 1), "w", Tensor.zeros(3, 5, 6),
                "b", Tensor.zeros(3, 6)));
        assertTrue(ex.getMessage().contains("'x'") && ex.getMessage().contains("rank 2"), ex.getMessage());
    }

    @Test
    void softmaxRejectsAnAxisOutOfRange() {
        ContractException ex = forwardFails("softmax", Map.of("axis", 2), Map.of("x", Tensor.zeros(2, 3)));
        assertTrue(ex.getMessage().contains("softmax") && ex.getMessage().contains("axis") && ex.getMessage().contains("[2, 3]"),
                ex.getMessage());
        forwardFails("log_softmax", Map.of("axis", -3), Map.of("x", Tensor.zeros(2, 3)));
    }

    @Test
    void badParametersAreContractErrors() {
        assertThrows(ContractException.class, () -> entry("gelu").params(Map.of("approximate", "erf")));
        assertThrows(ContractException.class, () -> entry("leaky_relu").params(Map.of("slope", 0.1)));
        assertThrows(ContractException.class, () -> entry("elu").params(Map.of("alpha", "one")));
    }

    @Test
    void upstreamOfTheWrongShapeIsAContractError() {
        Entry e = entry("tanh");
        ContractException ex = assertThrows(ContractException.class, () -> e.newReference()
                .backward(Map.of("x", Tensor.zeros(2, 3)), Map.of("dy", Tensor.zeros(3, 2)), e.params(Map.of())));
        assertTrue(ex.getMessage().contains("'dy'"), ex.getMessage());
    }

    @Test
    void kinksAreDeclared() {
        Params eluDefault = entry("elu").params(Map.of());
        Params eluHalf = entry("elu").params(Map.of("alpha", 0.5));
        Map<String, Tensor> in = Map.of("x", Tensor.vector(0.25));
        assertEquals(Double.POSITIVE_INFINITY, entry("elu").kinks().distance(in, eluDefault, "x", 0), "elu alpha 1 is C1");
        assertEquals(0.25, entry("elu").kinks().distance(in, eluHalf, "x", 0));
        for (String id : List.of("relu", "leaky_relu", "prelu", "selu")) {
            assertEquals(0.25, entry(id).kinks().distance(in, entry(id).params(Map.of()), "x", 0), id);
        }
        for (String id : List.of("sigmoid", "tanh", "gelu", "softmax", "log_softmax")) {
            assertTrue(!entry(id).kinks().any(), id);
        }
        assertTrue(Double.isNaN(entry("maxout").kinks().distance(in, null, "x", 0)), "maxout kinks are data-dependent");
    }

    @Test
    void sampleParamsCoverEveryOption() {
        assertTrue(entry("gelu").sampleParams().stream().map(m -> m.get("approximate")).collect(Collectors.toSet())
                .containsAll(List.of("none", "tanh")));
        assertTrue(entry("softmax").sampleParams().stream().map(m -> m.get("axis")).collect(Collectors.toSet())
                .containsAll(List.of(0, 1, -1)));
        assertTrue(entry("leaky_relu").sampleParams().stream().map(m -> m.get("alpha")).collect(Collectors.toSet())
                .containsAll(List.of(0.1, 0.3)));
        // prelu: both alpha layouts appear among the samples
        Entry prelu = entry("prelu");
        Set<Boolean> shared = new java.util.HashSet<>();
        for (int size = 0; size < 4; size++) {
            for (int seed = 0; seed < 5; seed++) {
                Map<String, Tensor> in = prelu.samples().sample(new java.util.SplittableRandom(seed), prelu.params(Map.of()), size);
                shared.add(in.get("alpha").size() == 1);
            }
        }
        assertEquals(Set.of(true, false), shared);
    }

    @Test
    void emptyTensorsGiveEmptyResults() {
        for (String id : List.of("softmax", "log_softmax")) {
            Entry e = entry(id);
            Map<String, Tensor> in = Map.of("x", Tensor.zeros(3, 0));
            assertEquals(0, e.newReference().forward(in, e.params(Map.of())).get("y").size(), id);
            assertEquals(0, e.newReference().backward(in, Map.of("dy", Tensor.zeros(3, 0)), e.params(Map.of())).get("dx").size());
        }
        Map<String, Tensor> prelu = Map.of("x", Tensor.zeros(0, 3), "alpha", Tensor.vector(0.1, 0.2, 0.3));
        Map<String, Tensor> g = entry("prelu").newReference().backward(prelu, Map.of("dy", Tensor.zeros(0, 3)),
                entry("prelu").params(Map.of()));
        assertArrayEquals(new double[] {0, 0, 0}, g.get("dalpha").toArray());
        Map<String, Tensor> maxout = Map.of("x", Tensor.zeros(0, 2), "w", Tensor.zeros(3, 2, 4), "b", Tensor.zeros(3, 4));
        Map<String, Tensor> gm = entry("maxout").newReference().backward(maxout, Map.of("dy", Tensor.zeros(0, 4)),
                entry("maxout").params(Map.of()));
        assertArrayEquals(new int[] {3, 2, 4}, gm.get("dw").shape());
        assertArrayEquals(new double[12], gm.get("db").toArray());
    }
}
