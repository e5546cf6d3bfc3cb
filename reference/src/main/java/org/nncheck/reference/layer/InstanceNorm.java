package org.nncheck.reference.layer;

import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code instance_norm} (Ulyanov, Vedaldi and Lempitsky 2016, "Instance Normalization";
 * PyTorch {@code torch.nn.functional.instance_norm} without running statistics): each
 * (sample, channel) plane is normalized over its spatial positions,
 * {@code y[n,c] = (x[n,c] - mean[n,c]) / sqrt(var[n,c] + eps) * gamma[c] + beta[c]}, biased
 * variance, eps inside the square root.
 *
 * <p>Shapes: {@code x (N, C, H, W)} (any rank >= 3, (N, C, spatial...), works the same way);
 * gamma, beta {@code (C)}; y has the shape of x. A plane of one element normalizes to 0
 * (PyTorch refuses that shape in training; here it is allowed and exact). Backward with the
 * statistics terms; {@code dgamma[c] = sum_{n, h, w} dy xhat}, {@code dbeta[c] = sum dy}.
 */
public final class InstanceNorm extends SampleNorm {
    static final String ID = "instance_norm";

    /** The SPEC instance norm. */
    public InstanceNorm() {
        this(NormConvention.SPEC);
    }

    /** An instance norm under another convention (an alternative for {@code verify}). */
    public InstanceNorm(NormConvention convention) {
        super(convention);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    Plan plan(Tensor x, Params params) {
        if (x.rank() < 3) {
            throw new ContractException(ID + ": tensor 'x' must be (N, C, H, W) (rank >= 3), got " + x.shapeString());
        }
        int c = x.dim(1);
        int inner = sizeFrom(x, 2);
        int groups = x.dim(0) * c;
        return new Plan(Normalization.Layout.of(x.size(), groups, i -> i / inner, i -> (i / inner) % c), new int[] {c});
    }
}
