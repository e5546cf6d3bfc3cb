package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Examples of {@code conv2d}: the CS231n lecture example, a hand-computed case, bad shapes. */
class Conv2dTest {
    private final Entry entry = Catalogue.get("conv2d").orElseThrow();

    private Map<String, Tensor> run(Map<String, Tensor> in, Map<String, Object> raw) {
        return entry.newReference().forward(in, entry.params(raw));
    }

    /**
     * CS231n "Convolutional Networks": an input volume 32x32x3 with ten 5x5 filters, stride 1
     * and pad 2 gives a 32x32x10 output, and the layer has 5*5*3 weights + 1 bias per filter,
     * 760 parameters.
     */
    @Test
    void lectureExample() {
        SplittableRandom rnd = new SplittableRandom(7);
        Tensor x = Samples.normal(rnd, 0, 1, 1, 3, 32, 32);
        Tensor w = Samples.normal(rnd, 0, 0.1, 10, 3, 5, 5);
        Tensor b = Samples.normal(rnd, 0, 0.1, 10);
        Tensor y = run(Map.of("x", x, "w", w, "b", b), Map.of("stride", 1, "pad", 2)).get("y");
        assertArrayEquals(new int[] {1, 10, 32, 32}, y.shape());
        assertEquals(760, w.size() + b.size());
    }

    /**
     * x = 1..9 as a 3x3 image, w = [[1, 0], [0, -1]]: the cross-correlation gives
     * {@code x[i][j] - x[i+1][j+1] = -4} at every position (rows differ by 3, columns by 1),
     * plus b = 0.5; a flipped kernel (true convolution) gives +4 + 0.5.
     */
    @Test
    void crossCorrelationNotConvolution() {
        Tensor x = Tensor.of(new int[] {1, 1, 3, 3}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Tensor w = Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, 0, 0, -1});
        Tensor b = Tensor.vector(0.5);
        Map<String, Tensor> in = Map.of("x", x, "w", w, "b", b);
        assertArrayEquals(new double[] {-3.5, -3.5, -3.5, -3.5}, run(in, Map.of()).get("y").toArray(), 0);
        Params p = entry.params(Map.of());
        assertArrayEquals(new double[] {4.5, 4.5, 4.5, 4.5}, new Conv2dFlippedKernel().forward(in, p).get("y").toArray(), 0);
    }

    /** pad 1 on a 1x1 image with a 3x3 kernel: only the centre weight sees the pixel. */
    @Test
    void zeroPadding() {
        Tensor x = Tensor.of(new int[] {1, 1, 1, 1}, new double[] {2});
        Tensor w = Tensor.of(new int[] {1, 1, 3, 3}, new double[] {1, 1, 1, 1, 10, 1, 1, 1, 1});
        Tensor y = run(Map.of("x", x, "w", w, "b", Tensor.vector(0)), Map.of("pad", 1)).get("y");
        assertArrayEquals(new double[] {20}, y.toArray(), 0);
    }

    /**
     * SPEC v1.1 (PyTorch, ONNX): H' = floor((H + 2P - D(HH - 1) - 1)/S) + 1. A 7x8 input, 3x3
     * filter, stride 2: floor(4/2) + 1 = 3 rows, floor(5/2) + 1 = 3 columns (the last input
     * column is not reached); a filter longer than the padded input is a clear error.
     */
    @Test
    void outputSizeIsFloored() {
        Map<String, Tensor> in = Map.of("x", Tensor.zeros(1, 1, 7, 8), "w", Tensor.zeros(2, 1, 3, 3), "b", Tensor.zeros(2));
        assertArrayEquals(new int[] {1, 2, 3, 3}, run(in, Map.of("stride", 2)).get("y").shape());
        ContractException big = assertThrows(ContractException.class,
                () -> run(Map.of("x", Tensor.zeros(1, 1, 2, 2), "w", Tensor.zeros(1, 1, 5, 5), "b", Tensor.zeros(1)), Map.of()));
        assertTrue(big.getMessage().contains("conv2d") && big.getMessage().contains("height")
                && big.getMessage().contains("below 1"), big.getMessage());
        ContractException dilated = assertThrows(ContractException.class,
                () -> run(Map.of("x", Tensor.zeros(1, 1, 4, 4), "w", Tensor.zeros(1, 1, 3, 3), "b", Tensor.zeros(1)),
                        Map.of("dilation", 2)));
        assertTrue(dilated.getMessage().contains("extent dilation*(3 - 1) + 1 = 5"), dilated.getMessage());
        // a huge pad: 2^30 + 1 rows and columns, an output far beyond 2^31 - 1 elements, is a clear error, not an overflow
        ContractException huge = assertThrows(ContractException.class,
                () -> run(Map.of("x", Tensor.zeros(1, 1, 1, 1), "w", Tensor.zeros(1, 1, 1, 1), "b", Tensor.zeros(1)),
                        Map.of("pad", 1 << 29)));
        assertTrue(huge.getMessage().contains("conv2d: the output y would have more than 2^31 - 1 elements"), huge.getMessage());
    }

    /**
     * dilation 2 on x = 1..9 (3x3) with w = [[1, 2], [3, 4]]: the taps sit at (0,0), (0,2),
     * (2,0), (2,2), so y = 1*1 + 2*3 + 3*7 + 4*9 = 64, a single output (floor((3 - 2 - 1)/1) + 1).
     */
    @Test
    void dilationSpreadsTheTaps() {
        Tensor x = Tensor.of(new int[] {1, 1, 3, 3}, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        Tensor w = Tensor.of(new int[] {1, 1, 2, 2}, new double[] {1, 2, 3, 4});
        Map<String, Tensor> in = Map.of("x", x, "w", w, "b", Tensor.vector(0));
        assertArrayEquals(new double[] {64}, run(in, Map.of("dilation", 2)).get("y").toArray(), 0);
        // dy = 1: dw are the tapped pixels, dx the weights at the tapped positions
        Map<String, Tensor> g = entry.newReference().backward(in, Map.of("dy", Tensor.of(new int[] {1, 1, 1, 1}, new double[] {1})),
                entry.params(Map.of("dilation", 2)));
        assertArrayEquals(new double[] {1, 3, 7, 9}, g.get("dw").toArray(), 0);
        assertArrayEquals(new double[] {1, 0, 2, 0, 0, 0, 3, 0, 4}, g.get("dx").toArray(), 0);
    }

    /**
     * groups = C = F = 2 (depthwise): each filter sees only its own channel. x = [2, 3] (1x1
     * images), w = [10, 100] of shape (2, 1, 1, 1): y = [20, 300]; with groups = 1 the same w
     * would need shape (2, 2, 1, 1), a clear error.
     */
    @Test
    void groupsSeparateTheChannels() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 2, 1, 1}, new double[] {2, 3}),
                "w", Tensor.of(new int[] {2, 1, 1, 1}, new double[] {10, 100}), "b", Tensor.zeros(2));
        assertArrayEquals(new double[] {20, 300}, run(in, Map.of("groups", 2)).get("y").toArray(), 0);
        ContractException one = assertThrows(ContractException.class, () -> run(in, Map.of()));
        assertTrue(one.getMessage().contains("(F, C/groups, HH, WW)") && one.getMessage().contains("C/groups = 2"), one.getMessage());
        ContractException three = assertThrows(ContractException.class, () -> run(in, Map.of("groups", 3)));
        assertTrue(three.getMessage().contains("groups = 3 must divide"), three.getMessage());
    }

    @Test
    void mismatchedChannelsAndBiasAreClearErrors() {
        ContractException c = assertThrows(ContractException.class,
                () -> run(Map.of("x", Tensor.zeros(1, 3, 4, 4), "w", Tensor.zeros(2, 2, 3, 3), "b", Tensor.zeros(2)), Map.of()));
        assertTrue(c.getMessage().contains("'w'") && c.getMessage().contains("C = 3"), c.getMessage());
        ContractException b = assertThrows(ContractException.class,
                () -> run(Map.of("x", Tensor.zeros(1, 3, 4, 4), "w", Tensor.zeros(2, 3, 3, 3), "b", Tensor.zeros(3)), Map.of()));
        assertTrue(b.getMessage().contains("'b'") && b.getMessage().contains("[2]"), b.getMessage());
        ContractException r = assertThrows(ContractException.class,
                () -> run(Map.of("x", Tensor.zeros(3, 4, 4), "w", Tensor.zeros(2, 3, 3, 3), "b", Tensor.zeros(2)), Map.of()));
        assertTrue(r.getMessage().contains("'x'") && r.getMessage().contains("rank 4"), r.getMessage());
    }

    @Test
    void fastPathEqualsDirectLoopOnRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            Map<String, Object> raw = entry.sampleParams().get(trial % entry.sampleParams().size());
            Params p = entry.params(raw);
            Map<String, Tensor> in = entry.samples().sample(rnd, p, trial % 4);
            Conv2d.Geometry g = Conv2d.Geometry.of("conv2d", in.get("x"), in.get("w"), in.get("b"), p.getInt("stride"), p.getInt("pad"),
                    p.getInt("dilation"), p.getInt("groups"));
            double[] w = in.get("w").toArray();
            double[] x = in.get("x").toArray();
            double[] fast = Conv2d.forwardIm2col(g, w, x, in.get("b").toArray());
            double[] direct = Conv2d.forwardDirect(g, w, x, in.get("b").toArray());
            assertArrayEquals(direct, fast, 1e-12, "forward " + g);
            double[] dy = Samples.normal(rnd, 0, 1, g.outputShape()).toArray();
            Conv2d.Gradients gf = Conv2d.backwardIm2col(g, w, x, dy);
            Conv2d.Gradients gd = Conv2d.backwardDirect(g, w, x, dy);
            assertArrayEquals(gd.dx(), gf.dx(), 1e-12, "dx " + g);
            assertArrayEquals(gd.dw(), gf.dw(), 1e-12, "dw " + g);
            assertArrayEquals(gd.db(), gf.db(), 1e-12, "db " + g);
        }
    }
}
