package org.nncheck.reference.layer;

import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code group_norm} (Wu and He 2018, "Group Normalization"; PyTorch
 * {@code torch.nn.functional.group_norm}): the C channels of each sample are split into
 * {@code groups} CONSECUTIVE blocks of C/groups channels (channels 0..C/G-1 form group 0, and
 * so on, as PyTorch's reshape to (N, G, C/G, H, W)); each (sample, group) is normalized over
 * its channels and spatial positions, biased variance, eps inside the square root; then
 * {@code y = xhat * gamma[c] + beta[c]} per CHANNEL.
 *
 * <p>Shapes: {@code x (N, C, ...)} of rank >= 2; gamma, beta {@code (C)}; y has the shape of
 * x. Parameters: {@code groups} (required, must divide C), {@code eps} (1e-5). With groups = 1
 * it is a layer norm over (C, H, W) with per-channel affine; with groups = C an instance norm
 * (both proved in the property tests). Backward with the statistics terms.
 */
public final class GroupNorm extends SampleNorm {
    static final String ID = "group_norm";

    /** The SPEC group norm. */
    public GroupNorm() {
        this(NormConvention.SPEC);
    }

    /** A group norm under another convention (an alternative for {@code verify}). */
    public GroupNorm(NormConvention convention) {
        super(convention);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    Plan plan(Tensor x, Params params) {
        if (x.rank() < 2) {
            throw new ContractException(ID + ": tensor 'x' must be (N, C, ...) (rank >= 2), got " + x.shapeString());
        }
        int c = x.dim(1);
        int groups = params.getInt("groups");
        if (c % groups != 0) {
            throw new ContractException(ID + ": parameter 'groups' = " + groups + " must divide the number of channels C = " + c
                    + " of x " + x.shapeString());
        }
        int inner = sizeFrom(x, 2);
        int block = (c / groups) * inner;
        return new Plan(Normalization.Layout.of(x.size(), x.dim(0) * groups, i -> i / block, i -> (i / inner) % c),
                new int[] {c});
    }
}
