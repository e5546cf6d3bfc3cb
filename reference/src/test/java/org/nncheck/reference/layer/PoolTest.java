package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static Tensor oneToN(int h, int w) {
        double[] v = new double[h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        return Tensor.of(new int[] {1, 1, h, w}, v);
    }

    private double[] y(Entry e, Tensor x, Map<String, Object> raw) {
        return e.newReference().forward(Map.of("x", x), e.params(raw)).get("y").toArray();
    }

    /**
     * Floor by default (SPEC v1.1): ONNX's {@code test_maxpool_2d_precomputed_strides} and
     * {@code test_averagepool_2d_precomputed_strides} (x = 1..25 as 5x5, 2x2 window, stride 2):
     * y = [[7, 9], [17, 19]] and [[4, 6], [14, 16]]; the last row and column are not reached.
     */
    @Test
    void outputSizeIsFlooredByDefault() {
        assertArrayEquals(new double[] {7, 9, 17, 19}, y(max, oneToN(5, 5), Map.of()), 0);
        assertArrayEquals(new double[] {4, 6, 14, 16}, y(avg, oneToN(5, 5), Map.of()), 0);
    }

    /**
     * ceil_mode: ONNX's {@code test_maxpool_2d_ceil} and {@code test_averagepool_2d_ceil} (1..16
     * as 4x4, 3x3 window, stride 2): [[11, 12], [15, 16]] and [[6, 7.5], [12, 13.5]]; the last
     * window covers 2x2 input elements and divides by 4.
     */
    @Test
    void ceilModeAddsTheCutWindow() {
        Map<String, Object> raw = Map.of("pool_height", 3, "pool_width", 3, "stride", 2, "ceil_mode", true);
        assertArrayEquals(new double[] {11, 12, 15, 16}, y(max, oneToN(4, 4), raw), 0);
        assertArrayEquals(new double[] {6, 7.5, 12, 13.5}, y(avg, oneToN(4, 4), raw), 0);
        assertEquals(1, y(max, oneToN(4, 4), Map.of("pool_height", 3, "pool_width", 3, "stride", 2)).length);
    }

    /**
     * PyTorch's rule: the last window must start inside the input or the left padding. ONNX's
     * {@code test_averagepool_2d_ceil_last_window_starts_on_pad}: 2x2 input, 3x3 window, stride
     * 3, pad 1, ceil_mode: ceil((2 + 2 - 3)/3) + 1 = 2 windows, but the second would start at
     * row 3 - 1 = 2 = H, in the right padding, so only one is kept; it divides by its 9
     * elements inside input and padding (count_include_pad), so y = (1+2+3+4)/9.
     */
    @Test
    void lastWindowMustStartInsideTheInputOrLeftPadding() {
        Map<String, Object> raw = Map.of("pool_height", 3, "pool_width", 3, "stride", 3, "pad", 1, "ceil_mode", true);
        assertArrayEquals(new double[] {10.0 / 9}, y(avg, oneToN(2, 2), raw), 1e-15);
        Map<String, Object> excl = new java.util.HashMap<>(raw);
        excl.put("count_include_pad", false);
        assertArrayEquals(new double[] {10.0 / 4}, y(avg, oneToN(2, 2), excl), 1e-15);
    }

    /**
     * count_include_pad: ONNX's {@code test_averagepool_2d_precomputed_pads[_count_include_pad]}
     * (1..25 as 5x5, 5x5 window, stride 1, pad 2): the first window holds 1,2,3,6,7,8,11,12,13
     * (sum 63): 63/25 = 2.52 counting the padding, 63/9 = 7 without.
     */
    @Test
    void countIncludePad() {
        Map<String, Object> raw = new java.util.HashMap<>(Map.of("pool_height", 5, "pool_width", 5, "stride", 1, "pad", 2));
        assertEquals(2.52, y(avg, oneToN(5, 5), raw)[0], 1e-15);
        raw.put("count_include_pad", false);
        assertEquals(7, y(avg, oneToN(5, 5), raw)[0], 1e-15);
    }

    /** Padding never wins a maximum: all-negative input, pad 1, the corner window's maximum is its one input value -1. */
    @Test
    void paddingNeverWins() {
        Tensor x = Tensor.of(new int[] {1, 1, 2, 2}, new double[] {-1, -2, -3, -4});
        Map<String, Object> raw = Map.of("pool_height", 2, "pool_width", 2, "stride", 2, "pad", 1);
        assertArrayEquals(new double[] {-1, -2, -3, -4}, y(max, x, raw), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, MaxPool2d.zeroPadding().forward(Map.of("x", x), max.params(raw)).get("y").toArray(), 0);
        double[] dx = max.newReference().backward(Map.of("x", x), Map.of("dy", Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4})),
                max.params(raw)).get("dx").toArray();
        assertArrayEquals(new double[] {1, 2, 3, 4}, dx, 0);
    }

    @Test
    void impossibleGeometriesAreClearErrors() {
        for (Entry e : new Entry[] {max, avg}) {
            ContractException small = assertThrows(ContractException.class,
                    () -> e.newReference().forward(Map.of("x", Tensor.zeros(1, 1, 1, 4)), e.params(Map.of())));
            assertTrue(small.getMessage().contains(e.id()) && small.getMessage().contains("height")
                    && small.getMessage().contains("below 1"), small.getMessage());
            ContractException pad = assertThrows(ContractException.class,
                    () -> e.newReference().forward(Map.of("x", Tensor.zeros(1, 1, 4, 4)), e.params(Map.of("pad", 2))));
            assertTrue(pad.getMessage().contains("pad 2 must be smaller"), pad.getMessage());
        }
        ContractException rank = assertThrows(ContractException.class,
                () -> max.newReference().forward(Map.of("x", Tensor.zeros(4, 4)), max.params(Map.of())));
        assertTrue(rank.getMessage().contains("rank 4"), rank.getMessage());
    }
}
