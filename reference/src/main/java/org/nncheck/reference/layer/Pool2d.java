package org.nncheck.reference.layer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * What {@code max_pool2d} and {@code avg_pool2d} share (SPEC v1.1 layers table; PyTorch's
 * {@code MaxPool2d}/{@code AvgPool2d}, ONNX's {@code MaxPool}/{@code AveragePool}): each channel
 * of {@code x (N, C, H, W)} is covered by {@code pool_height x pool_width} windows moved by
 * {@code stride} on both axes over the input padded by {@code pad} on each side; window
 * {@code (i, j)} starts at row {@code i*S - P} and column {@code j*S - P}. {@code y} is
 * {@code (N, C, H', W')} with {@code H' = floor((H + 2P - PH)/S) + 1}, rounded up instead with
 * {@code ceil_mode} under PyTorch's rule (see {@link Windows#poolOutputSize}); a window may then
 * reach past the padded input, and only its part inside the input (and, for averages counting
 * the padding, inside the padding) takes part. Parameters (defaults in the catalogue entry):
 * {@code pool_height}, {@code pool_width}, {@code stride}, {@code pad}, {@code ceil_mode}.
 * Inputs are never modified.
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
     * @param pad padding on each side of both spatial axes
     * @param ho output height
     * @param wo output width
     */
    public record Geometry(int n, int c, int h, int w, int ph, int pw, int stride, int pad, int ho, int wo) {

        /** Checks x and computes the output size. */
        public static Geometry of(String id, Tensor x, Params params) {
            Inputs.requireRank(id, "x", x, 4);
            int ph = params.getInt("pool_height");
            int pw = params.getInt("pool_width");
            int s = params.getInt("stride");
            int pad = params.getInt("pad");
            boolean ceil = params.getBool("ceil_mode");
            int ho = Windows.poolOutputSize(id, "height", x.dim(2), ph, pad, s, ceil, "the pooling window (pool_height)");
            int wo = Windows.poolOutputSize(id, "width", x.dim(3), pw, pad, s, ceil, "the pooling window (pool_width)");
            Windows.requireElements(id, "output y", x.dim(0), x.dim(1), ho, wo);
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), ph, pw, s, pad, ho, wo);
        }

        /** The output shape (N, C, H', W'). */
        public int[] outputShape() {
            return new int[] {n, c, ho, wo};
        }

        /** Flat index of x[plane, row, col] where plane = n*C + c. */
        int xIndex(int plane, int row, int col) {
            return (plane * h + row) * w + col;
        }

        /** First input row of window row i (inclusive, clipped to the input). */
        int rowLo(int i) {
            return Math.max(0, i * stride - pad);
        }

        /** Last input row of window row i (exclusive, clipped to the input). */
        int rowHi(int i) {
            return Math.min(h, i * stride - pad + ph);
        }

        /** First input column of window column j (inclusive, clipped to the input). */
        int colLo(int j) {
            return Math.max(0, j * stride - pad);
        }

        /** Last input column of window column j (exclusive, clipped to the input). */
        int colHi(int j) {
            return Math.min(w, j * stride - pad + pw);
        }

        /**
         * The elements of window (i, j) inside the input and the padding, i.e. without the part
         * a ceil_mode window reaches past the padded input (PyTorch's {@code pool_size} in
         * {@code AvgPoolKernel.cpp}).
         */
        int paddedArea(int i, int j) {
            int r0 = i * stride - pad;
            int c0 = j * stride - pad;
            return (Math.min(r0 + ph, h + pad) - r0) * (Math.min(c0 + pw, w + pad) - c0);
        }

        /** The elements of window (i, j) inside the input. */
        int inputArea(int i, int j) {
            return (rowHi(i) - rowLo(i)) * (colHi(j) - colLo(j));
        }
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Geometry g = Geometry.of(id(), x, params);
        return Map.of("y", Tensor.wrap(g.outputShape(), pool(g, x.toArray(), params)));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Geometry g = Geometry.of(id(), x, params);
        Tensor dy = Inputs.upstream(id(), upstream, "dy", Tensor.zeros(g.outputShape()));
        return Map.of("dx", Tensor.wrap(x.shape(), unpool(g, x.toArray(), dy.toArray(), params)));
    }

    /** y from x (flat arrays). */
    abstract double[] pool(Geometry g, double[] x, Params params);

    /** dx from x and dy (flat arrays). */
    abstract double[] unpool(Geometry g, double[] x, double[] dy, Params params);
}
