package org.nncheck.reference.layer;

import java.util.Arrays;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code layer_norm} (Ba, Kiros and Hinton 2016, "Layer Normalization"; PyTorch
 * {@code torch.nn.functional.layer_norm}): each sample is normalized over its last
 * {@code normalized_dims} axes, {@code y = (x - mean) / sqrt(var + eps) * gamma + beta}, with
 * the biased variance and eps inside the square root.
 *
 * <p>Shapes: {@code x (N, ...)} of rank r; {@code normalized_dims} k in [1, r] (default
 * {@code r - 1}: every axis but the batch axis 0); gamma and beta have the normalized shape
 * (the last k dims of x, as PyTorch's {@code normalized_shape}), applied element-wise;
 * {@code y} has the shape of x. Backward: dx with the statistics terms, {@code dgamma = sum
 * over the leading axes of dy * xhat}, {@code dbeta = sum dy}. A layer norm over the batch
 * axis is a known mistake ({@link LayerNormOverBatchAxis}).
 */
public class LayerNorm extends SampleNorm {
    static final String ID = "layer_norm";

    /** The SPEC layer norm. */
    public LayerNorm() {
        this(NormConvention.SPEC);
    }

    /** A layer norm under another convention (an alternative for {@code verify}). */
    public LayerNorm(NormConvention convention) {
        super(convention);
    }

    @Override
    public String id() {
        return ID;
    }

    /** The number of normalized trailing axes, checked. */
    static int normalizedDims(Tensor x, Params params) {
        int k = params.has("normalized_dims") ? params.getInt("normalized_dims") : x.rank() - 1;
        if (x.rank() < 1 || k < 1 || k > x.rank()) {
            throw new ContractException(ID + ": normalized_dims = " + k + " must be in [1, rank of x] for x " + x.shapeString()
                    + (params.has("normalized_dims") ? "" : " (the default is rank - 1, so x needs rank >= 2)"));
        }
        return k;
    }

    @Override
    Plan plan(Tensor x, Params params) {
        int k = normalizedDims(x, params);
        int[] shape = x.shape();
        int[] affine = Arrays.copyOfRange(shape, shape.length - k, shape.length);
        int d = sizeFrom(x, shape.length - k);
        int groups = d == 0 ? 0 : x.size() / d;
        return new Plan(Normalization.Layout.of(x.size(), groups, i -> i / d, i -> i % d), affine);
    }
}
