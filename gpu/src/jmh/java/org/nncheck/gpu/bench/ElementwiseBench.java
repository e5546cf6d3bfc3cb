package org.nncheck.gpu.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.GpuCatalogue;
import org.nncheck.gpu.Precision;
import org.nncheck.reference.activation.Sigmoid;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * sigmoid forward on n elements: the OpenCL component (float32, through the Component contract:
 * Tensor -> float[] -> device -> Tensor), the reference (double), and a plain parallel Java loop
 * (float). Elements/s = ops/s * n.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ElementwiseBench {
    @Param({"1048576"})
    public int n;

    Tensor x;
    float[] xf;
    float[] yf;
    Component gpu;
    Component ref;
    Params params;
    org.nncheck.gpu.kernel.ActivationKernelF raw;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(1);
        double[] d = new double[n];
        xf = new float[n];
        yf = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian() * 4;
            xf[i] = (float) d[i];
        }
        x = Tensor.wrap(new int[] {n}, d);
        gpu = GpuCatalogue.create("sigmoid", Precision.F32).orElseThrow();
        ref = new Sigmoid();
        params = Params.of("sigmoid", java.util.List.of(), Map.of());
        gpu.forward(Map.of("x", x), params);
        raw = new org.nncheck.gpu.kernel.ActivationKernelF();
        raw.x = xf;
        raw.out = new float[n];
        raw.n = n;
        raw.op = org.nncheck.gpu.kernel.ActivationKernelF.SIGMOID;
        raw.mode = org.nncheck.gpu.kernel.ActivationKernelF.FORWARD;
        Gpu.run(raw, n);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        raw.dispose();
        Gpu.disposeAll();
    }

    /** The kernel alone on float arrays already in place (Aparapi still copies them to and from the device buffers). */
    @Benchmark
    public float[] openclKernelOnlyF32() {
        Gpu.run(raw, n);
        return raw.out;
    }

    @Benchmark
    public Tensor openclF32() {
        return gpu.forward(Map.of("x", x), params).get("y");
    }

    @Benchmark
    public Tensor reference() {
        return ref.forward(Map.of("x", x), params).get("y");
    }

    @Benchmark
    public float[] parallelJavaLoopF32() {
        IntStream.range(0, n).parallel().forEach(i -> {
            float v = xf[i];
            yf[i] = v >= 0 ? 1f / (1f + (float) Math.exp(-v)) : (float) Math.exp(v) / (1f + (float) Math.exp(v));
        });
        return yf;
    }
}
