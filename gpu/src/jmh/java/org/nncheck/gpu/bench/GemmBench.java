package org.nncheck.gpu.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
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
 * Square GEMM C = A B (the arithmetic of affine and conv2d): the register-blocked OpenCL kernel (float32,
 * including the host conversions), EJML in double (what the reference uses), and a plain
 * parallel Java loop in float (i-k-j order). GFLOP/s = 2 n^3 ops/s / 1e9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GemmBench {
    @Param({"256"})
    public int n;

    double[] a;
    double[] b;
    float[] af;
    float[] bf;
    DMatrixRMaj ma;
    DMatrixRMaj mb;
    DMatrixRMaj mc;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom r = new SplittableRandom(2);
        a = new double[n * n];
        b = new double[n * n];
        af = new float[n * n];
        bf = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = r.nextGaussian();
            b[i] = r.nextGaussian();
            af[i] = (float) a[i];
            bf[i] = (float) b[i];
        }
        ma = DMatrixRMaj.wrap(n, n, a.clone());
        mb = DMatrixRMaj.wrap(n, n, b.clone());
        mc = new DMatrixRMaj(n, n);
        Kernels.gemm(Precision.F32, a, b, null, n, n, n, false, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Gpu.disposeAll();
    }

    @Benchmark
    public double[] openclRegisterBlockedF32() {
        return Kernels.gemm(Precision.F32, a, b, null, n, n, n, false, false);
    }

    @Benchmark
    public DMatrixRMaj ejmlDouble() {
        CommonOps_DDRM.mult(ma, mb, mc);
        return mc;
    }

    @Benchmark
    public float[] parallelJavaLoopF32() {
        float[] c = new float[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int k = 0; k < n; k++) {
                float aik = af[i * n + k];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aik * bf[k * n + j];
                }
            }
        });
        return c;
    }
}
