package org.nncheck.gpu.bench;

import java.util.concurrent.TimeUnit;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.kernel.ActivationKernelF;
import org.nncheck.gpu.kernel.GemmKernelF;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * First-call cost of a kernel: a fresh kernel instance (Aparapi class model, OpenCL code
 * generation, clBuildProgram, first execute) on a tiny input, disposed after. PoCL keeps a
 * disk cache of built programs (~/.cache/pocl), so this is the warm-disk-cache cost.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FirstCallBench {

    @Benchmark
    public double[] activationKernel() {
        ActivationKernelF k = new ActivationKernelF();
        try {
            return k.apply(ActivationKernelF.SIGMOID, ActivationKernelF.FORWARD, new double[] {1, 2, 3}, null, null, 0, 1, 1, 1);
        } finally {
            k.dispose();
        }
    }

    @Benchmark
    public double[] gemmKernel() {
        GemmKernelF k = new GemmKernelF();
        try {
            return k.gemm(new double[] {1, 2, 3, 4}, new double[] {1, 0, 0, 1}, null, 2, 2, 2, false, false);
        } finally {
            k.dispose();
            Gpu.disposeAll();
        }
    }
}
