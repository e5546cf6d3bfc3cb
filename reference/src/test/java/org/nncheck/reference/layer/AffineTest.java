package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Examples of {@code affine}. */
class AffineTest {
    private final Entry entry = Catalogue.get("affine").orElseThrow();
    private final Params p = entry.params(Map.of());

    /**
     * x (2, 1, 2) = [[1, 2], [3, 4]] flattened to (2, 2); w = [[1, 0, 1], [0, 1, 1]]; b = [1, 2, 3]:
     * y = [[1+1, 2+2, 3+3], [3+1, 4+2, 7+3]] by hand.
     */
    @Test
    void flattensAndMultiplies() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {2, 1, 2}, new double[] {1, 2, 3, 4}),
                "w", Tensor.of(new int[] {2, 3}, new double[] {1, 0, 1, 0, 1, 1}), "b", Tensor.vector(1, 2, 3));
        assertArrayEquals(new double[] {2, 4, 6, 4, 6, 10}, entry.newReference().forward(in, p).get("y").toArray(), 0);
        Map<String, Tensor> g = entry.newReference().backward(in, Map.of("dy", Tensor.filled(1, 2, 3)), p);
        // dx = dy w^T: each row sums w's rows = [2, 2]; dw = x^T dy: column sums of x repeated; db = N = 2
        assertArrayEquals(new int[] {2, 1, 2}, g.get("dx").shape());
        assertArrayEquals(new double[] {2, 2, 2, 2}, g.get("dx").toArray(), 0);
        assertArrayEquals(new double[] {4, 4, 4, 6, 6, 6}, g.get("dw").toArray(), 0);
        assertArrayEquals(new double[] {2, 2, 2}, g.get("db").toArray(), 0);
    }

    @Test
    void badShapesAreClearErrors() {
        ContractException w = assertThrows(ContractException.class, () -> entry.newReference().forward(
                Map.of("x", Tensor.zeros(2, 3, 2), "w", Tensor.zeros(5, 4), "b", Tensor.zeros(4)), p));
        assertTrue(w.getMessage().contains("'w'") && w.getMessage().contains("[6, M]"), w.getMessage());
        ContractException b = assertThrows(ContractException.class, () -> entry.newReference().forward(
                Map.of("x", Tensor.zeros(2, 6), "w", Tensor.zeros(6, 4), "b", Tensor.zeros(3)), p));
        assertTrue(b.getMessage().contains("'b'") && b.getMessage().contains("[4]"), b.getMessage());
        ContractException dy = assertThrows(ContractException.class, () -> entry.newReference().backward(
                Map.of("x", Tensor.zeros(2, 6), "w", Tensor.zeros(6, 4), "b", Tensor.zeros(4)), Map.of("dy", Tensor.zeros(2, 3)), p));
        assertTrue(dy.getMessage().contains("'dy'"), dy.getMessage());
    }
}
