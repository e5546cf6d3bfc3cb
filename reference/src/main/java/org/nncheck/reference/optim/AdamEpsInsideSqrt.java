package org.nncheck.reference.optim;

/**
 * Alternative for {@code adam}: eps inside the square root, {@code sqrt(v_hat + eps)} (standard
 * form) or {@code sqrt(v + eps)} (hat form), instead of {@code sqrt(v_hat) + eps}. Seen in
 * hand-written implementations; with the default eps 1e-8 it matters for gradients below about
 * 1e-4.
 */
public final class AdamEpsInsideSqrt extends Adam {

    @Override
    protected double denominator(double v, double scale, double eps) {
        return Math.sqrt(v / (scale * scale) + eps);
    }
}
