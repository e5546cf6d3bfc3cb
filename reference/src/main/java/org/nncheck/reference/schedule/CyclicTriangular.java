package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code cyclic_triangular} schedule: Smith's triangular cyclical learning rate (L. N. Smith,
 * "Cyclical Learning Rates for Training Neural Networks", WACV 2017, section 3.1:
 * {@code cycle = floor(1 + n / (2 * step_size)); x = |n / step_size - 2 * cycle + 1|;
 * lr = base_lr + (max_lr - base_lr) * max(0, 1 - x)}): the rate rises linearly from
 * {@code base_lr} at {@code n = 0} to {@code max_lr} at {@code n = step_size}, falls back to
 * {@code base_lr} at {@code 2 * step_size}, and repeats with period {@code 2 * step_size}.
 *
 * <p>Computed as PyTorch 1.13 {@code CyclicLR(mode="triangular", step_size_up = step_size_down
 * = step_size)} does ({@code x = 1 + n / total - cycle}, scale {@code x / ratio} on the way up,
 * {@code (x - 1) / (ratio - 1)} on the way down), which is Smith's formula in exact arithmetic
 * and PyTorch's values to the last bit. {@code base_lr > max_lr} is allowed (an inverted
 * triangle), as in PyTorch.
 *
 * <p>Parameters: {@code base_lr}, {@code max_lr}, {@code step_size} (&gt; 0; an integer in practice,
 * but any positive number is accepted, as PyTorch's {@code float(step_size_up)}), all required.
 */
public final class CyclicTriangular extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "cyclic_triangular";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double base = params.getDouble("base_lr");
        double max = params.getDouble("max_lr");
        double up = params.getDouble("step_size");
        double total = up + up;
        double ratio = up / total;
        return n -> {
            double cycle = Math.floor(1 + n / total);
            double x = 1.0 + n / total - cycle;
            double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
            return base + (max - base) * scale;
        };
    }
}
