package org.nncheck.reference.layer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * What {@code max_pool2d} and {@code avg_pool2d} share: each channel of {@code x (N, C, H, W)}
 * is covered by {@code pool_height x pool_width} windows moved by {@code stride} on both
 * axes, without padding; {@code y} is {@code (N, C, H', W')} with
 * {@code H' = (H - pool_height)/stride + 1}, {@code W' = (W - pool_width)/stride + 1}, and a
 * {@link org.nncheck.core.ContractException} when a division is not exact (SPEC; the CS231n
 * rule; PyTorch would floor). Parameters {@code pool_height} (2), {@code pool_width} (2),
 * {@code stride} (2). Inputs are never modified.
 */
public abstract class Pool2d implements Component {

    /**
     * The validated geometry of one call.
     *
     * @param n batch
     * @param c channels
     * @param h input height
     * @param w input width
     * @param ph window height
     * @param pw window width
     * @param stride stride
     * @param ho output height
     * @param wo output width
     */
    public record Geometry(int n, int c, int h, int w, int ph, int pw, int stride, int ho, int wo) {

        /** Checks x and computes the output size. */
        public static Geometry of(String id, Tensor x, Params params) {
            Inputs.requireRank(id, "x", x, 4);
            int ph = params.getInt("pool_height");
            int pw = params.getInt("pool_width");
            int s = params.getInt("stride");
            int ho = Windows.outputSize(id, "height", x.dim(2), ph, 0, s, "the pooling window (pool_height)");
            int wo = Windows.outputSize(id, "width", x.dim(3), pw, 0, s, "the pooling window (pool_width)");
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), ph, pw, s, ho, wo);
        }

        /** The output shape (N, C, H', W'). */
        public int[] outputShape() {
            return new int[] {n, c, ho, wo};
        }

        /** Flat index of x[plane, row, col] where plane = n*C + c. */
        int xIndex(int plane, int row, int col) {
            return (plane * h + row) * w + col;
        }
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Geometry g = Geometry.of(id(), x, params);
        return Map.of("y", Tensor.wrap(g.outputShape(), pool(g, x.toArray())));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Geometry g = Geometry.of(id(), x, params);
        Tensor dy = Inputs.upstream(id(), upstream, "dy", Tensor.zeros(g.outputShape()));
        return Map.of("dx", Tensor.wrap(x.shape(), unpool(g, x.toArray(), dy.toArray())));
    }

    /** y from x (flat arrays). */
    abstract double[] pool(Geometry g, double[] x);

    /** dx from x and dy (flat arrays). */
    abstract double[] unpool(Geometry g, double[] x, double[] dy);
}
