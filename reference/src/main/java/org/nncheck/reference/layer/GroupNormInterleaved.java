package org.nncheck.reference.layer;

import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * A known mistake, kept so that {@code verify} can name it: a group norm whose groups are
 * INTERLEAVED channels (channel c in group {@code c mod groups}) instead of the SPEC's (and
 * PyTorch's) consecutive blocks (channel c in group {@code c / (C/groups)}). Otherwise as
 * {@link GroupNorm}.
 */
public final class GroupNormInterleaved extends SampleNorm {

    public GroupNormInterleaved() {
        super(NormConvention.SPEC);
    }

    @Override
    public String id() {
        return GroupNorm.ID;
    }

    @Override
    Plan plan(Tensor x, Params params) {
        if (x.rank() < 2) {
            throw new ContractException(GroupNorm.ID + ": tensor 'x' must be (N, C, ...) (rank >= 2), got " + x.shapeString());
        }
        int c = x.dim(1);
        int groups = params.getInt("groups");
        if (c % groups != 0) {
            throw new ContractException(GroupNorm.ID + ": parameter 'groups' = " + groups + " must divide the number of channels C = " + c);
        }
        int inner = sizeFrom(x, 2);
        return new Plan(Normalization.Layout.of(x.size(), x.dim(0) * groups, i -> (i / (c * inner)) * groups + ((i / inner) % c) % groups,
                i -> (i / inner) % c), new int[] {c});
    }
}
