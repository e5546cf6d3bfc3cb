package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.Precision;

/**
 * Work sizes the catalogue's small samples do not reach: odd and prime sizes, below and above
 * the work-group sizes (64 for 1-D kernels and reductions, GEMM blocks of 8 rows x 64 columns), against the
 * reference with the conformance kit's {@link ConformanceKit#checkInputs} (its one tolerance model). Fixed seed.
 */
class GpuWorkSizeProperties {
    static final long SEED = 0x5157A11L;

    @AfterAll
    static void dispose() {
        Gpu.disposeAll();
        GpuTestSupport.assertNoFallback();
    }

    private static void run(String id, Precision p, java.util.function.BiFunction<SplittableRandom, Integer, Map<String, Tensor>> inputs,
                            int maxSize, Map<String, Object> rawParams) {
        GpuTestSupport.requireOpenCl();
        if (p == Precision.F64) {
            GpuTestSupport.requireFp64();
        }
        Entry e = Catalogue.get(id).orElseThrow();
        Implementation gpu = GpuConformanceTest.gpu(p);
        Params params = e.params(rawParams);
        qt().withFixedSeed(SEED).withExamples(12).forAll(longs().all(), integers().between(1, maxSize))
                .checkAssert((seed, n) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    String failed = ConformanceKit.checkInputs(gpu, e, inputs.apply(rnd, n), params, seed).stream()
                            .filter(CheckResult::failed).map(CheckResult::text).collect(Collectors.joining("\n"));
                    assertEquals("", failed, id + " " + p.dtype() + " seed=" + seed + " n=" + n);
                });
    }

    @Test
    void elementwiseAtPrimeAndLargeSizes() {
        for (Precision p : Precision.values()) {
            run("sigmoid", p, (rnd, n) -> Map.of("x", Samples.normal(rnd, 0, 4, n * 37 + 1)), 200, Map.of());
        }
    }

    @Test
    void gemmAcrossTileEdges() {
        for (Precision p : Precision.values()) {
            run("affine", p, (rnd, n) -> {
                int m = 1 + rnd.nextInt(70);
                int d = 1 + rnd.nextInt(70);
                return Map.of("x", Samples.normal(rnd, 0, 1, m, d), "w", Samples.normal(rnd, 0, 1, d, n),
                        "b", Samples.normal(rnd, 0, 1, n));
            }, 70, Map.of());
        }
    }

    /**
     * conv2d's GEMM across its blocks: up to 20 filters per group (8-row register blocks) and up to
     * 2 x 12 x 13 = 312 output positions (64-wide work-groups), with 2 groups, dilation 2, stride 2
     * and a floored output; the im2col index map and col2im see every padding edge.
     */
    @Test
    void convAcrossBlockEdges() {
        for (Precision p : Precision.values()) {
            run("conv2d", p, (rnd, n) -> {
                int f = 2 * n;
                return Map.of("x", Samples.normal(rnd, 0, 1, 1 + rnd.nextInt(2), 4, 20 + rnd.nextInt(6), 20 + rnd.nextInt(6)),
                        "w", Samples.normal(rnd, 0, 0.3, f, 2, 3, 2), "b", Samples.normal(rnd, 0, 1, f));
            }, 20, Map.of("groups", 2, "dilation", 2, "stride", 2, "pad", 1));
        }
    }

    @Test
    void reductionsLongerThanAWorkGroup() {
        for (Precision p : Precision.values()) {
            run("batch_norm", p, (rnd, n) -> {
                int c = 1 + rnd.nextInt(5);
                return Map.of("x", Samples.normal(rnd, 3, 2, n + 1, c), "gamma", Samples.normal(rnd, 1, 0.5, c),
                        "beta", Samples.normal(rnd, 0, 1, c), "running_mean", Samples.normal(rnd, 0, 1, c),
                        "running_var", Samples.uniform(rnd, 0.5, 2, c));
            }, 300, Map.of());
            run("softmax_cross_entropy", p, (rnd, n) -> {
                int c = 2 + rnd.nextInt(12);
                return Map.of("logits", Samples.normal(rnd, 0, 3, n, c), "labels", Samples.labels(rnd, c, n));
            }, 300, Map.of());
        }
    }
}
