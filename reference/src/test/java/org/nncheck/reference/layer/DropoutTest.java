package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Examples of {@code dropout} and {@code dropconnect} from the SPEC formulas. */
class DropoutTest {
    private final Entry dropout = Catalogue.get("dropout").orElseThrow();
    private final Entry dropconnect = Catalogue.get("dropconnect").orElseThrow();
    private final Map<String, Tensor> in = Map.of("x", Tensor.vector(2, 4, 6, 8), "mask", Tensor.vector(1, 0, 1, 1));

    private double[] y(Map<String, Object> raw) {
        return dropout.newReference().forward(in, dropout.params(raw)).get("y").toArray();
    }

    /** p = 0.75 is the DROP probability: inverted training scales kept units by 1/(1 - 0.75) = 4. */
    @Test
    void fourModes() {
        assertArrayEquals(new double[] {8, 0, 24, 32}, y(Map.of("p", 0.75)), 0);
        assertArrayEquals(new double[] {2, 0, 6, 8}, y(Map.of("p", 0.75, "inverted", false)), 0);
        assertArrayEquals(new double[] {2, 4, 6, 8}, y(Map.of("p", 0.75, "training", false)), 0);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, y(Map.of("p", 0.75, "inverted", false, "training", false)), 0);
        double[] dx = dropout.newReference().backward(in, Map.of("dy", Tensor.vector(1, 1, 1, -1)), dropout.params(Map.of("p", 0.75)))
                .get("dx").toArray();
        assertArrayEquals(new double[] {4, 0, 4, -4}, dx, 0);
    }

    /** The lecture's p = 0.25 "keep" is the SPEC's p = 0.75: the alternative names that reading. */
    @Test
    void keepProbabilityReadingIsAnAlternative() {
        double[] lecture = new Dropout(DropoutConvention.P_IS_KEEP_PROBABILITY).forward(in, dropout.params(Map.of("p", 0.25)))
                .get("y").toArray();
        assertArrayEquals(y(Map.of("p", 0.75)), lecture, 0);
    }

    @Test
    void maskMustBeZeroOrOneAndShaped() {
        Map<String, Tensor> scaled = Map.of("x", Tensor.vector(1, 1), "mask", Tensor.vector(2, 0));
        ContractException e = assertThrows(ContractException.class,
                () -> dropout.newReference().forward(scaled, dropout.params(Map.of())));
        assertTrue(e.getMessage().contains("'mask'") && e.getMessage().contains("0 (drop) or 1 (keep)"), e.getMessage());
        Map<String, Tensor> shape = Map.of("x", Tensor.vector(1, 1), "mask", Tensor.vector(1, 0, 1));
        ContractException s = assertThrows(ContractException.class, () -> dropout.newReference().forward(shape, dropout.params(Map.of())));
        assertTrue(s.getMessage().contains("'mask'") && s.getMessage().contains("[3]"), s.getMessage());
        // at test time the mask is not needed
        assertArrayEquals(new double[] {1, 1}, dropout.newReference().forward(Map.of("x", Tensor.vector(1, 1)),
                dropout.params(Map.of("training", false))).get("y").toArray(), 0);
        ContractException p = assertThrows(ContractException.class, () -> dropout.params(Map.of("p", 1.0)));
        assertTrue(p.getMessage().contains("'p'"), p.getMessage());
    }

    /**
     * x = [[1, 2]], w = [[1, 2], [3, 4]], mask = [[1, 0], [0, 1]], p = 0.5, b = [0.5, -0.5]:
     * training y = x (w mask) / 0.5 + b = [1*1, 2*4] * 2 + b = [2.5, 15.5]; test y = x w + b =
     * [7.5, 9.5].
     */
    @Test
    void dropconnectByHand() {
        Map<String, Tensor> dc = Map.of("x", Tensor.of(new int[] {1, 2}, new double[] {1, 2}),
                "w", Tensor.of(new int[] {2, 2}, new double[] {1, 2, 3, 4}), "b", Tensor.vector(0.5, -0.5),
                "mask", Tensor.of(new int[] {2, 2}, new double[] {1, 0, 0, 1}));
        assertArrayEquals(new double[] {2.5, 15.5}, dropconnect.newReference().forward(dc, dropconnect.params(Map.of())).get("y").toArray(), 0);
        assertArrayEquals(new double[] {7.5, 9.5},
                dropconnect.newReference().forward(dc, dropconnect.params(Map.of("training", false))).get("y").toArray(), 0);
        Map<String, Tensor> g = dropconnect.newReference().backward(dc, Map.of("dy", Tensor.of(new int[] {1, 2}, new double[] {1, 1})),
                dropconnect.params(Map.of()));
        // W' = [[2, 0], [0, 8]]: dx = dy W'^T = [2, 8]; dw = (x^T dy) * mask / 0.5 = [[2, 0], [0, 4]]; db = [1, 1]
        assertArrayEquals(new double[] {2, 8}, g.get("dx").toArray(), 0);
        assertArrayEquals(new double[] {2, 0, 0, 4}, g.get("dw").toArray(), 0);
        assertArrayEquals(new double[] {1, 1}, g.get("db").toArray(), 0);
        ContractException m = assertThrows(ContractException.class, () -> dropconnect.newReference().forward(
                Map.of("x", dc.get("x"), "w", dc.get("w"), "b", dc.get("b"), "mask", Tensor.zeros(2, 3)), dropconnect.params(Map.of())));
        assertTrue(m.getMessage().contains("'mask'") && m.getMessage().contains("[2, 2]"), m.getMessage());
    }
}
