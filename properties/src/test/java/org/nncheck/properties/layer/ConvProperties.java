package org.nncheck.properties.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.layer.Conv2d;

/**
 * Properties of {@code conv2d} and the pools on random geometries (stride 1..3, pad 0..2,
 * kernel 1..4 on both axes independently, for conv2d also dilation 1..3, groups 1..3 and input
 * sizes with rows the floored output does not reach):
 * the backward is the adjoint of the forward ({@code <conv(x), dy> = <x, conv^T(dy)>}, and the
 * same for w), the im2col + EJML fast path equals the plain direct loop (forward and
 * backward), average pooling equals a convolution with the constant kernel 1/(ph*pw) on each
 * channel, and both pools pass every bit of dy through (sum dx = sum dy; with padding and
 * ceil_mode too, for averages that do not count the padding). Fixed seed.
 */
class ConvProperties {
    private static final long SEED = 0x5EED_C0DEL;

    private static final Component CONV = LayerProps.entry("conv2d").newReference();

    /** A whole-output input length for window k, pad, stride. */
    private static int length(SplittableRandom rnd, int k, int pad, int stride) {
        int out = 1 + rnd.nextInt(4);
        int n = (out - 1) * stride + k - 2 * pad;
        while (n < 1) {
            out++;
            n = (out - 1) * stride + k - 2 * pad;
        }
        return n;
    }

    /**
     * Random conv inputs for the geometry (dilated filter extent, 0..stride-1 extra rows and
     * columns that the floored output does not reach, C and F multiples of groups); b is zero so
     * the map is linear in x and in w.
     */
    private static Map<String, Tensor> linearConv(SplittableRandom rnd, int k, int pad, int stride, int dilation, int groups) {
        int n = 1 + rnd.nextInt(2);
        int cg = 1 + rnd.nextInt(3);
        int f = groups * (1 + rnd.nextInt(3));
        int kw = 1 + rnd.nextInt(4);
        int h = length(rnd, dilation * (k - 1) + 1, pad, stride) + rnd.nextInt(stride);
        int w = length(rnd, dilation * (kw - 1) + 1, pad, stride) + rnd.nextInt(stride);
        return Map.of("x", Samples.normal(rnd, 0, 1, n, groups * cg, h, w), "w", Samples.normal(rnd, 0, 1, f, cg, k, kw),
                "b", Tensor.zeros(f));
    }

    @Test
    void backwardIsTheAdjointOfTheForward() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 3), integers().between(0, 2), integers().between(1, 4), longs().all())
                .checkAssert((stride, pad, k, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int dilation = 1 + rnd.nextInt(3);
                    int groups = 1 + rnd.nextInt(3);
                    Map<String, Tensor> in = linearConv(rnd, k, pad, stride, dilation, groups);
                    Params p = LayerProps.params("conv2d", Map.of("stride", stride, "pad", pad, "dilation", dilation, "groups", groups));
                    Tensor y = CONV.forward(in, p).get("y");
                    Tensor dy = Samples.normal(rnd, 0, 1, y.shape());
                    Map<String, Tensor> g = CONV.backward(in, Map.of("dy", dy), p);
                    double lhs = LayerProps.dot(y, dy);
                    double scale = LayerProps.absDot(y, dy) + LayerProps.absDot(in.get("x"), g.get("dx")) + 1;
                    double viaX = LayerProps.dot(in.get("x"), g.get("dx"));
                    double viaW = LayerProps.dot(in.get("w"), g.get("dw"));
                    assertTrue(Math.abs(lhs - viaX) <= 1e-13 * scale, "seed " + SEED + "/" + seed + ": <conv(x), dy> = " + lhs
                            + " but <x, dx> = " + viaX);
                    assertTrue(Math.abs(lhs - viaW) <= 1e-13 * (scale + LayerProps.absDot(in.get("w"), g.get("dw"))),
                            "seed " + SEED + "/" + seed + ": <conv(x), dy> = " + lhs + " but <w, dw> = " + viaW);
                });
    }

    @Test
    void fastPathEqualsDirectLoop() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 3), integers().between(0, 2), integers().between(1, 4), longs().all())
                .checkAssert((stride, pad, k, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int dilation = 1 + rnd.nextInt(3);
                    int groups = 1 + rnd.nextInt(3);
                    Map<String, Tensor> in = linearConv(rnd, k, pad, stride, dilation, groups);
                    Tensor bias = Samples.normal(rnd, 0, 1, in.get("b").shape());
                    Conv2d.Geometry g = Conv2d.Geometry.of("conv2d", in.get("x"), in.get("w"), bias, stride, pad, dilation, groups);
                    double[] x = in.get("x").toArray();
                    double[] w = in.get("w").toArray();
                    String where = "seed " + SEED + "/" + seed + " " + g;
                    assertArrayEquals(Conv2d.forwardDirect(g, w, x, bias.toArray()), Conv2d.forwardIm2col(g, w, x, bias.toArray()), 1e-12,
                            where);
                    double[] dy = Samples.normal(rnd, 0, 1, g.outputShape()).toArray();
                    Conv2d.Gradients direct = Conv2d.backwardDirect(g, w, x, dy);
                    Conv2d.Gradients fast = Conv2d.backwardIm2col(g, w, x, dy);
                    assertArrayEquals(direct.dx(), fast.dx(), 1e-12, where + " dx");
                    assertArrayEquals(direct.dw(), fast.dw(), 1e-12, where + " dw");
                    assertArrayEquals(direct.db(), fast.db(), 1e-12, where + " db");
                });
    }

    @Test
    void averagePoolIsAConvolutionWithAConstantKernel() {
        Component avg = LayerProps.entry("avg_pool2d").newReference();
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 3), integers().between(1, 3), integers().between(1, 3), longs().all())
                .checkAssert((ph, pw, stride, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int n = 1 + rnd.nextInt(2);
                    int c = 1 + rnd.nextInt(3);
                    Tensor x = Samples.normal(rnd, 0, 1, n, c, length(rnd, ph, 0, stride), length(rnd, pw, 0, stride));
                    double[] k = new double[c * c * ph * pw];
                    for (int ch = 0; ch < c; ch++) {
                        for (int j = 0; j < ph * pw; j++) {
                            k[(ch * c + ch) * ph * pw + j] = 1.0 / (ph * pw);
                        }
                    }
                    Map<String, Tensor> cin = Map.of("x", x, "w", Tensor.wrap(new int[] {c, c, ph, pw}, k), "b", Tensor.zeros(c));
                    Tensor viaConv = CONV.forward(cin, LayerProps.params("conv2d", Map.of("stride", stride))).get("y");
                    Tensor viaPool = avg.forward(Map.of("x", x), LayerProps.params("avg_pool2d",
                            Map.of("pool_height", ph, "pool_width", pw, "stride", stride))).get("y");
                    assertTrue(LayerProps.maxDiff(viaConv, viaPool) <= 1e-14 * (1 + LayerProps.maxAbs(x)),
                            "seed " + SEED + "/" + seed + ": avg pool and constant-kernel conv differ by " + LayerProps.maxDiff(viaConv, viaPool));
                });
    }

    @Test
    void poolsPassTheWholeUpstreamGradient() {
        for (String id : new String[] {"max_pool2d", "avg_pool2d"}) {
            Component pool = LayerProps.entry(id).newReference();
            qt().withFixedSeed(SEED).withExamples(100)
                    .forAll(integers().between(1, 3), integers().between(1, 3), integers().between(1, 3), longs().all())
                    .checkAssert((ph, pw, stride, seed) -> {
                        SplittableRandom rnd = new SplittableRandom(seed);
                        int pad = rnd.nextInt(Math.min(ph, pw));
                        boolean ceil = rnd.nextBoolean();
                        Tensor x = Samples.normal(rnd, 0, 1, 1 + rnd.nextInt(2), 1 + rnd.nextInt(2),
                                length(rnd, ph, pad, stride) + rnd.nextInt(stride), length(rnd, pw, pad, stride) + rnd.nextInt(stride));
                        Map<String, Object> raw = new java.util.HashMap<>(Map.of("pool_height", ph, "pool_width", pw, "stride", stride,
                                "pad", pad, "ceil_mode", ceil));
                        if (id.equals("avg_pool2d")) {
                            raw.put("count_include_pad", false); // counting the padding would let it absorb part of dy
                        }
                        Params p = LayerProps.params(id, raw);
                        Tensor dy = Samples.normal(rnd, 0, 1, pool.forward(Map.of("x", x), p).get("y").shape());
                        Tensor dx = pool.backward(Map.of("x", x), Map.of("dy", dy), p).get("dx");
                        double sdx = 0;
                        double sdy = 0;
                        for (int i = 0; i < dx.size(); i++) {
                            sdx += dx.get(i);
                        }
                        for (int i = 0; i < dy.size(); i++) {
                            sdy += dy.get(i);
                        }
                        assertTrue(Math.abs(sdx - sdy) <= 1e-12 * (1 + dy.size()), "seed " + SEED + "/" + seed + " " + id + ": sum dx "
                                + sdx + " != sum dy " + sdy);
                    });
        }
    }
}
