package org.nncheck.reference.activation;

import org.nncheck.core.Params;

/**
 * {@code sigmoid}: {@code y = 1 / (1 + e^-x)}, {@code dx = dy * y * (1 - y)}.
 *
 * <p>Stable form: for {@code x >= 0} it evaluates {@code 1 / (1 + e^-x)}, for {@code x < 0}
 * {@code e^x / (1 + e^x)}, so no {@code exp} of a large positive argument is taken and the
 * result is accurate to a few ulp for every finite x (measured in the ulp tests). The
 * derivative is {@code s(x) * s(-x)}, which keeps full relative accuracy in both tails where
 * {@code s * (1 - s)} would cancel to 0.
 */
public final class Sigmoid extends ElementwiseActivation {

    /** The stable logistic function. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    @Override
    public String id() {
        return "sigmoid";
    }

    @Override
    protected double value(double x, Params params) {
        return sigmoid(x);
    }

    @Override
    protected double derivative(double x, Params params) {
        return sigmoid(x) * sigmoid(-x);
    }
}
