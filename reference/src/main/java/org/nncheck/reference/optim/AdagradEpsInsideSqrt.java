package org.nncheck.reference.optim;

/**
 * Alternative for {@code adagrad}: eps inside the square root, {@code sqrt(G + eps)}, instead of
 * PyTorch's {@code sqrt(G) + eps} (some implementations and texts write it so). With eps 1e-10
 * it matters only for accumulators below about 1e-8.
 */
public final class AdagradEpsInsideSqrt extends Adagrad {

    @Override
    protected double denominator(double accumulator, double eps) {
        return Math.sqrt(accumulator + eps);
    }
}
