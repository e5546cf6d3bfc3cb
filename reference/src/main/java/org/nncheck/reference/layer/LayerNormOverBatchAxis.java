package org.nncheck.reference.layer;

import java.util.Arrays;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * A known mistake, kept so that {@code verify} can name it: a "layer norm" whose statistics
 * are taken over the batch axis (for each position of the normalized shape, across the
 * samples), which is batch norm's axis, not layer norm's. gamma and beta keep the normalized
 * shape.
 */
public final class LayerNormOverBatchAxis extends LayerNorm {

    @Override
    Plan plan(Tensor x, Params params) {
        int k = normalizedDims(x, params);
        int[] shape = x.shape();
        int[] affine = Arrays.copyOfRange(shape, shape.length - k, shape.length);
        int d = sizeFrom(x, shape.length - k);
        return new Plan(Normalization.Layout.of(x.size(), d, i -> i % d, i -> i % d), affine);
    }
}
