package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.PoolKernelF;
import org.nncheck.gpu.kernel.PoolOps.Geometry;
import org.nncheck.reference.layer.Pool2d;

/**
 * max_pool2d / avg_pool2d on {@link PoolKernelF} with the SPEC v1.1 parameters pool_height,
 * pool_width, stride, pad, ceil_mode and (avg) count_include_pad, read from the validated
 * {@link Params} (defaults live in the catalogue entry only). The output size and the checks
 * are the reference's {@link Pool2d.Geometry}, so both accept and refuse the same calls. Max
 * routes dy to the first maximum of each window in row-major order; padding never wins.
 */
public final class GpuPool extends GpuComponent {
    private final boolean max;

    public GpuPool(boolean max, Precision p) {
        super(max ? "max_pool2d" : "avg_pool2d", p);
        this.max = max;
    }

    private Geometry geometry(Tensor x, Params p) {
        return Geometry.of(Pool2d.Geometry.of(id(), x, p), !max && p.getBool("count_include_pad"));
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Geometry g = geometry(x, params);
        int mode = max ? PoolKernelF.MAX : PoolKernelF.AVG;
        double[] y = Kernels.pool(precision, k -> k.pool(mode, x.toArray(), null, g));
        return Map.of("y", out(new int[] {x.dim(0), x.dim(1), g.ho(), g.wo()}, y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Geometry g = geometry(x, params);
        Tensor dy = dy(upstream, "dy", Tensor.zeros(x.dim(0), x.dim(1), g.ho(), g.wo()));
        int mode = max ? PoolKernelF.MAX_BACKWARD : PoolKernelF.AVG_BACKWARD;
        double[] dx = Kernels.pool(precision, k -> k.pool(mode, x.toArray(), dy.toArray(), g));
        return Map.of("dx", out(x.shape(), dx));
    }
}
