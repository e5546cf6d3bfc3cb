package org.nncheck.gpu.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.nncheck.core.Component;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.GpuCatalogue;
import org.nncheck.gpu.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * conv2d forward, x (8,16,32,32), w (32,16,3,3), stride 1, pad 1: the OpenCL component (im2col +
 * register-blocked GEMM, float32, through the Component contract) and a plain parallel direct-convolution
 * Java loop in float. FLOP per call: 2 N F Ho Wo C HH WW = 2 * 8 * 32 * 32 * 32 * 16 * 9 = 75.5 M.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConvBench {
    static final int N = 8;
    static final int C = 16;
    static final int H = 32;
    static final int F = 32;
    static final int K = 3;

    Map<String, Tensor> inputs;
    Params params;
    Component gpu;
    float[] xf;
    float[] wf;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(3);
        double[] x = new double[N * C * H * H];
        double[] w = new double[F * C * K * K];
        xf = new float[x.length];
        wf = new float[w.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
            xf[i] = (float) x[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
            wf[i] = (float) w[i];
        }
        inputs = Map.of("x", Tensor.wrap(new int[] {N, C, H, H}, x), "w", Tensor.wrap(new int[] {F, C, K, K}, w), "b",
                Tensor.zeros(F));
        params = Catalogue.get("conv2d").orElseThrow().params(Map.of("stride", 1, "pad", 1));
        gpu = GpuCatalogue.create("conv2d", Precision.F32).orElseThrow();
        gpu.forward(inputs, params);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Gpu.disposeAll();
    }

    @Benchmark
    public Tensor openclIm2colGemmF32() {
        return gpu.forward(inputs, params).get("y");
    }

    @Benchmark
    public float[] parallelJavaDirectF32() {
        float[] y = new float[N * F * H * H];
        IntStream.range(0, N * F).parallel().forEach(nf -> {
            int n = nf / F;
            int f = nf % F;
            for (int oh = 0; oh < H; oh++) {
                for (int ow = 0; ow < H; ow++) {
                    float acc = 0;
                    for (int c = 0; c < C; c++) {
                        for (int i = 0; i < K; i++) {
                            int ih = oh - 1 + i;
                            if (ih < 0 || ih >= H) {
                                continue;
                            }
                            for (int j = 0; j < K; j++) {
                                int iw = ow - 1 + j;
                                if (iw >= 0 && iw < H) {
                                    acc += xf[((n * C + c) * H + ih) * H + iw] * wf[((f * C + c) * K + i) * K + j];
                                }
                            }
                        }
                    }
                    y[(nf * H + oh) * H + ow] = acc;
                }
            }
        });
        return y;
    }
}
