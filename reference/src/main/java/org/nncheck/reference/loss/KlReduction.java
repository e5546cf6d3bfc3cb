package org.nncheck.reference.loss;

import java.util.List;
import java.util.Locale;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;

/**
 * The {@code reduction} of {@code kl_divergence} (SPEC.md section 1): "batchmean" (sum / N,
 * N = size of axis 0; the default, and the mathematically right mean of per-sample KLs),
 * "sum", "mean" (sum / number of ELEMENTS, N*C: PyTorch's {@code kl_div} default, which its
 * documentation warns "doesn't return the true KL divergence value").
 */
public enum KlReduction {
    BATCHMEAN, SUM, MEAN;

    /** The schema entry, default "batchmean". */
    public static ParamSpec param() {
        return ParamSpec.choice(Reduction.PARAM, "batchmean", List.of("batchmean", "sum", "mean"),
                "\"batchmean\" (sum / N), \"sum\", or \"mean\" (sum / number of elements)");
    }

    /** Parsed from validated parameters. */
    public static KlReduction of(Params params) {
        return valueOf(params.getChoice(Reduction.PARAM).toUpperCase(Locale.ROOT));
    }

    /** The divisor for a tensor of {@code n} rows and {@code size} elements. */
    public double divisor(int n, int size) {
        return switch (this) {
            case BATCHMEAN -> n;
            case SUM -> 1;
            case MEAN -> size;
        };
    }
}
