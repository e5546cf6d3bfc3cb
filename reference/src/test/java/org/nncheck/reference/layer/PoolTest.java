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

/** Examples of {@code max_pool2d} and {@code avg_pool2d}. */
class PoolTest {
    private final Entry max = Catalogue.get("max_pool2d").orElseThrow();
    private final Entry avg = Catalogue.get("avg_pool2d").orElseThrow();

    /** A 4x4 image 0..15 in row-major order: each 2x2/2 window's maximum is its bottom-right corner, its mean the window's average. */
    @Test
    void defaultTwoByTwoStrideTwo() {
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i;
        }
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 1, 4, 4}, v));
        assertArrayEquals(new double[] {5, 7, 13, 15}, max.newReference().forward(in, max.params(Map.of())).get("y").toArray(), 0);
        // (0+1+4+5)/4 = 2.5, (2+3+6+7)/4 = 4.5, (8+9+12+13)/4 = 10.5, (10+11+14+15)/4 = 12.5
        assertArrayEquals(new double[] {2.5, 4.5, 10.5, 12.5}, avg.newReference().forward(in, avg.params(Map.of())).get("y").toArray(), 0);
        Map<String, Tensor> dy = Map.of("dy", Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4}));
        double[] dx = avg.newReference().backward(in, dy, avg.params(Map.of())).get("dx").toArray();
        assertArrayEquals(new double[] {0.25, 0.25, 0.5, 0.5, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1, 0.75, 0.75, 1, 1}, dx, 0);
    }

    /** SPEC: with a tie, dy goes to the FIRST maximum of the window in row-major order. */
    @Test
    void tieGoesToTheFirstMaximumInRowMajorOrder() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, 3, 3, 3}));
        double[] dx = max.newReference().backward(in, Map.of("dy", Tensor.of(new int[] {1, 1, 1, 1}, new double[] {7})),
                max.params(Map.of())).get("dx").toArray();
        assertArrayEquals(new double[] {0, 7, 0, 0}, dx, 0);
        assertTrue(max.kinks().any());
    }

    /** Overlapping windows (3x3, stride 1): a pixel that is the maximum of several windows gets the sum of their dy. */
    @Test
    void overlappingWindowsAccumulate() {
        double[] v = new double[16];
        v[5] = 10; // the maximum of all four 3x3 windows of a 4x4 image
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 1, 4, 4}, v));
        Map<String, Object> raw = Map.of("pool_height", 3, "pool_width", 3, "stride", 1);
        double[] dx = max.newReference().backward(in, Map.of("dy", Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4})),
                max.params(raw)).get("dx").toArray();
        double[] want = new double[16];
        want[5] = 10;
        assertArrayEquals(want, dx, 0);
    }

    @Test
    void nanPropagates() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, Double.NaN, 5, 3}));
        assertTrue(Double.isNaN(max.newReference().forward(in, max.params(Map.of())).get("y").item()));
    }

    @Test
    void notWholeOutputSizeIsAClearError() {
        Map<String, Tensor> in = Map.of("x", Tensor.zeros(1, 1, 5, 4));
        for (Entry e : new Entry[] {max, avg}) {
            ContractException ex = assertThrows(ContractException.class, () -> e.newReference().forward(in, e.params(Map.of())));
            assertTrue(ex.getMessage().contains(e.id()) && ex.getMessage().contains("height") && ex.getMessage().contains("(5 + 2*0 - 2) / 2"),
                    ex.getMessage());
        }
        ContractException rank = assertThrows(ContractException.class,
                () -> max.newReference().forward(Map.of("x", Tensor.zeros(4, 4)), max.params(Map.of())));
        assertTrue(rank.getMessage().contains("rank 4"), rank.getMessage());
    }
}
