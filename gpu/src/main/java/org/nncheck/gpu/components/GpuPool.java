package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.PoolKernelF;

/**
 * max_pool2d / avg_pool2d on {@link PoolKernelF}: x (N,C,H,W), pool_height, pool_width,
 * stride (defaults 2, 2, 2), no padding, H' = (H - ph)/S + 1 (floor). Max routes dy to the first
 * maximum of each window in row-major order.
 */
public final class GpuPool extends GpuComponent {
    private final boolean max;

    public GpuPool(boolean max, Precision p) {
        super(max ? "max_pool2d" : "avg_pool2d", p);
        this.max = max;
    }

    private int[] geometry(Tensor x, Params p) {
        Inputs.requireRank(id(), "x", x, 4);
        int ph = p.getInt("pool_height");
        int pw = p.getInt("pool_width");
        int s = p.getInt("stride");
        if (ph < 1 || pw < 1 || s < 1 || ph > x.dim(2) || pw > x.dim(3)) {
            throw new ContractException(id() + ": pool " + ph + "x" + pw + " stride " + s + " does not fit x " + x.shapeString());
        }
        return new int[] {x.dim(0) * x.dim(1), x.dim(2), x.dim(3), ph, pw, s, (x.dim(2) - ph) / s + 1, (x.dim(3) - pw) / s + 1};
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        int[] g = geometry(x, params);
        int mode = max ? PoolKernelF.MAX : PoolKernelF.AVG;
        double[] y = Kernels.pool(precision, k -> k.pool(mode, x.toArray(), null, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]));
        return Map.of("y", out(new int[] {x.dim(0), x.dim(1), g[6], g[7]}, y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        int[] g = geometry(x, params);
        Tensor dy = upstream.get("dy");
        if (dy == null) {
            throw new ContractException(id() + ": missing upstream gradient 'dy'");
        }
        Inputs.requireShape(id(), "dy", dy, x.dim(0), x.dim(1), g[6], g[7]);
        int mode = max ? PoolKernelF.MAX_BACKWARD : PoolKernelF.AVG_BACKWARD;
        double[] dx = Kernels.pool(precision, k -> k.pool(mode, x.toArray(), dy.toArray(), g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]));
        return Map.of("dx", out(x.shape(), dx));
    }

}
