package org.nncheck.gpu;

import com.aparapi.Kernel;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nncheck.gpu.kernel.ActivationKernelD;
import org.nncheck.gpu.kernel.ActivationKernelF;
import org.nncheck.gpu.kernel.ActivationOps;
import org.nncheck.gpu.kernel.ConvKernelD;
import org.nncheck.gpu.kernel.ConvKernelF;
import org.nncheck.gpu.kernel.ConvOps;
import org.nncheck.gpu.kernel.GemmKernelD;
import org.nncheck.gpu.kernel.GemmKernelF;
import org.nncheck.gpu.kernel.GemmOps;
import org.nncheck.gpu.kernel.LossKernelD;
import org.nncheck.gpu.kernel.LossKernelF;
import org.nncheck.gpu.kernel.LossOps;
import org.nncheck.gpu.kernel.NormKernelD;
import org.nncheck.gpu.kernel.NormKernelF;
import org.nncheck.gpu.kernel.NormOps;
import org.nncheck.gpu.kernel.OptimizerKernelD;
import org.nncheck.gpu.kernel.OptimizerKernelF;
import org.nncheck.gpu.kernel.OptimizerOps;
import org.nncheck.gpu.kernel.PoolKernelD;
import org.nncheck.gpu.kernel.PoolKernelF;
import org.nncheck.gpu.kernel.PoolOps;
import org.nncheck.gpu.kernel.ReduceKernelD;
import org.nncheck.gpu.kernel.ReduceKernelF;
import org.nncheck.gpu.kernel.ReduceOps;
import org.nncheck.gpu.kernel.SoftmaxKernelD;
import org.nncheck.gpu.kernel.SoftmaxKernelF;
import org.nncheck.gpu.kernel.SoftmaxOps;

/**
 * Borrows the float or double twin of a kernel from the pool, runs a host call on it and gives
 * it back. Double kernels on a device without fp64 fail loudly (Aparapi falls back, {@link Gpu}
 * throws).
 */
public final class Kernels {
    private Kernels() {
    }

    private static <O, R> R use(Precision p, Class<? extends Kernel> f, Supplier<? extends Kernel> fNew,
                                Class<? extends Kernel> d, Supplier<? extends Kernel> dNew, Class<O> ops, Function<O, R> body) {
        Kernel k = p == Precision.F32 ? borrow(f, fNew) : borrow(d, dNew);
        try {
            return body.apply(ops.cast(k));
        } finally {
            Gpu.release(k);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Kernel borrow(Class<? extends Kernel> c, Supplier<? extends Kernel> s) {
        return Gpu.borrow((Class) c, (Supplier) s);
    }

    public static <R> R activation(Precision p, Function<ActivationOps, R> body) {
        return use(p, ActivationKernelF.class, ActivationKernelF::new, ActivationKernelD.class, ActivationKernelD::new,
                ActivationOps.class, body);
    }

    public static <R> R softmax(Precision p, Function<SoftmaxOps, R> body) {
        return use(p, SoftmaxKernelF.class, SoftmaxKernelF::new, SoftmaxKernelD.class, SoftmaxKernelD::new,
                SoftmaxOps.class, body);
    }

    public static <R> R reduce(Precision p, Function<ReduceOps, R> body) {
        return use(p, ReduceKernelF.class, ReduceKernelF::new, ReduceKernelD.class, ReduceKernelD::new, ReduceOps.class,
                body);
    }

    public static <R> R loss(Precision p, Function<LossOps, R> body) {
        return use(p, LossKernelF.class, LossKernelF::new, LossKernelD.class, LossKernelD::new, LossOps.class, body);
    }

    public static <R> R gemm(Precision p, Function<GemmOps, R> body) {
        return use(p, GemmKernelF.class, GemmKernelF::new, GemmKernelD.class, GemmKernelD::new, GemmOps.class, body);
    }

    public static <R> R conv(Precision p, Function<ConvOps, R> body) {
        return use(p, ConvKernelF.class, ConvKernelF::new, ConvKernelD.class, ConvKernelD::new, ConvOps.class, body);
    }

    public static <R> R pool(Precision p, Function<PoolOps, R> body) {
        return use(p, PoolKernelF.class, PoolKernelF::new, PoolKernelD.class, PoolKernelD::new, PoolOps.class, body);
    }

    public static <R> R norm(Precision p, Function<NormOps, R> body) {
        return use(p, NormKernelF.class, NormKernelF::new, NormKernelD.class, NormKernelD::new, NormOps.class, body);
    }

    public static <R> R optimizer(Precision p, Function<OptimizerOps, R> body) {
        return use(p, OptimizerKernelF.class, OptimizerKernelF::new, OptimizerKernelD.class, OptimizerKernelD::new,
                OptimizerOps.class, body);
    }

    /** GEMM shortcut. */
    public static double[] gemm(Precision p, double[] a, double[] b, double[] bias, int m, int n, int k, boolean ta,
                                boolean tb) {
        return gemm(p, g -> g.gemm(a, b, bias, m, n, k, ta, tb));
    }

    /** Segmented-sum shortcut (mode SUM). */
    public static double[] sum(Precision p, double[] v, int segs, int len, int inner) {
        return reduce(p, r -> r.reduce(ReduceKernelF.SUM, v, null, null, segs, len, inner));
    }
}
