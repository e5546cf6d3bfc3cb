package org.nncheck.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One whole gradient check of the reference on each of issue 13's shapes, every input tensor
 * checked, in each of the checker's modes (BENCHMARKS.md). The element-by-element check of the
 * large affine layer takes minutes: run {@code uncolored*} with {@code -p shape=...} to leave it
 * out. Each check must pass (a benchmark of a failing check would time the wrong thing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GradcheckBench {

    @Param({"AFFINE_16x64x32", "AFFINE_64x256x128", "CONV_2x3x8x8_4x3x3x3", "BATCH_NORM_32x64"})
    public GradcheckShapes shape;

    private Component component;
    private Map<String, Tensor> inputs;
    private Params params;
    private List<String> checked;
    private double tolerance;

    @Setup
    public void setUp() {
        component = shape.entry().newReference();
        inputs = shape.inputs();
        params = shape.params();
        checked = shape.checked();
        tolerance = shape.entry().gradcheckTolerance();
    }

    private GradCheckResult run(GradientChecker.Options o) {
        return new GradientChecker(o).check(component, inputs, params, checked).assertPasses(tolerance);
    }

    /** Colored, Richardson-extrapolated central differences (the default dense check). */
    @Benchmark
    public GradCheckResult colored() {
        return run(GradientChecker.Options.defaults().dense());
    }

    /** Colored, plain central differences with PyTorch's step 1e-6. */
    @Benchmark
    public GradCheckResult coloredPlain() {
        return run(GradientChecker.Options.defaults().dense().withRichardson(false).withStep(1e-6));
    }

    /** Every element in its own forwards, Richardson (the check before coloring). */
    @Benchmark
    public GradCheckResult uncolored() {
        return run(GradientChecker.Options.defaults().uncolored());
    }

    /** Every element in its own forwards, plain central differences, step 1e-6. */
    @Benchmark
    public GradCheckResult uncoloredPlain() {
        return run(GradientChecker.Options.defaults().uncolored().withRichardson(false).withStep(1e-6));
    }

    /** Random directions per tensor (default count, Richardson). */
    @Benchmark
    public GradCheckResult directional() {
        return run(GradientChecker.Options.defaults().directional());
    }

    /** One random direction per tensor, Richardson ({@link GradientChecker.Options#fast()}). */
    @Benchmark
    public GradCheckResult fast() {
        return run(GradientChecker.Options.defaults().fast());
    }

    /** One random direction per tensor, plain central difference, step 1e-6: what PyTorch's fast mode evaluates. */
    @Benchmark
    public GradCheckResult fastPlain() {
        return run(GradientChecker.Options.defaults().fast().withRichardson(false).withStep(1e-6));
    }
}
