package org.nncheck.reference.loss;

import java.util.List;
import java.util.Locale;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;

/**
 * The {@code reduction} parameter of the losses that take {@code "mean"} or {@code "sum"}
 * (SPEC.md section 1, Losses), parsed once from the string.
 *
 * <p>What "mean" divides by is the loss's business: the batch size N for the per-sample losses
 * ({@code softmax_cross_entropy}, {@code nll}, {@code multiclass_hinge}), the number of elements
 * for the element-wise ones ({@code mse}, {@code binary_cross_entropy[_with_logits]}), as
 * PyTorch's {@code reduction='mean'} does.
 */
public enum Reduction {
    /** Average of the per-sample (or per-element) losses. */
    MEAN,
    /** Sum of the per-sample (or per-element) losses. */
    SUM;

    /** The parameter name. */
    public static final String PARAM = "reduction";

    /** The schema entry: {@code reduction} in {"mean", "sum"}, default "mean". */
    public static ParamSpec param() {
        return ParamSpec.choice(PARAM, "mean", List.of("mean", "sum"), "\"mean\" or \"sum\" of the per-sample losses");
    }

    /** The reduction of validated parameters. */
    public static Reduction of(Params params) {
        return valueOf(params.getChoice(PARAM).toUpperCase(Locale.ROOT));
    }

    /** The factor applied to the sum: {@code 1/count} for MEAN (NaN for an empty batch), 1 for SUM. */
    public double factor(int count) {
        return this == SUM ? 1.0 : 1.0 / count;
    }

    /**
     * Applies the reduction to a sum of {@code count} terms: {@code sum / count} for MEAN (NaN
     * for count 0, the mean of nothing, as PyTorch), {@code sum} for SUM.
     */
    public double reduce(double sum, int count) {
        return this == SUM ? sum : sum / count;
    }
}
