package org.nncheck.reference.layer;

/**
 * How a normalization layer turns statistics into {@code xhat}: the SPEC's convention (PyTorch's)
 * and the documented deviations that {@code verify} tries as alternatives when a case fails.
 *
 * <p>The SPEC convention ({@link #SPEC}): {@code xhat = (x - mean) / sqrt(var + eps)} with the
 * BIASED variance ({@code 1/M} of the squared deviations), eps inside the square root, and a
 * backward through the batch statistics (they depend on x). Batch norm in eval mode uses the
 * running statistics. This is what PyTorch's {@code batch_norm}, {@code layer_norm},
 * {@code instance_norm} and {@code group_norm} compute (torch.nn docs: "The variance is
 * calculated via the biased estimator ... eps added to the denominator for numerical
 * stability", {@code y = (x - E[x]) / sqrt(Var[x] + eps) * gamma + beta}).
 *
 * @param variance how the variance used for NORMALIZING is estimated
 * @param eps where eps goes
 * @param statisticsGradient whether the backward differentiates through the batch statistics
 * @param evalUsesBatchStatistics whether batch norm in eval mode (wrongly) normalizes with
 *     the batch statistics instead of the running ones
 */
public record NormConvention(Variance variance, Eps eps, boolean statisticsGradient, boolean evalUsesBatchStatistics) {

    /** The variance estimator. */
    public enum Variance {
        /** {@code (1/M) sum (x - mean)^2} (SPEC, PyTorch). */
        BIASED,
        /** {@code (1/(M-1)) sum (x - mean)^2} (a known mistake when used to normalize). */
        UNBIASED
    }

    /** Where eps is added. */
    public enum Eps {
        /** {@code sqrt(var + eps)} (SPEC, PyTorch, the batch-norm paper). */
        INSIDE_SQRT,
        /** {@code sqrt(var) + eps} (a known variant, e.g. some hand-written layers). */
        OUTSIDE_SQRT
    }

    /** The SPEC (PyTorch) convention. */
    public static final NormConvention SPEC = new NormConvention(Variance.BIASED, Eps.INSIDE_SQRT, true, false);
    /** Normalizes with the unbiased variance. */
    public static final NormConvention UNBIASED_NORMALIZATION = new NormConvention(Variance.UNBIASED, Eps.INSIDE_SQRT, true, false);
    /** {@code sqrt(var) + eps}. */
    public static final NormConvention EPS_OUTSIDE_SQRT = new NormConvention(Variance.BIASED, Eps.OUTSIDE_SQRT, true, false);
    /** A backward that treats mean and variance as constants. */
    public static final NormConvention NO_STATISTICS_GRADIENT = new NormConvention(Variance.BIASED, Eps.INSIDE_SQRT, false, false);
    /** Batch norm in eval mode with the batch statistics. */
    public static final NormConvention EVAL_WITH_BATCH_STATISTICS = new NormConvention(Variance.BIASED, Eps.INSIDE_SQRT, true, true);
}
