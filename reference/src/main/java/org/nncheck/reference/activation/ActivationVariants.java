package org.nncheck.reference.activation;

import org.nncheck.core.Component;

/**
 * Known mistakes in hand-written activation backwards and an alternative approximation, as
 * one-line components ({@link ElementwiseActivation#of}), registered as
 * {@link org.nncheck.catalogue.Alternative}s so that {@code verify} can say "would match under:
 * ..." when a case fails. None of the mistakes is correct; each is a bug seen in practice.
 */
final class ActivationVariants {
    private ActivationVariants() {
    }

    /** Sigmoid whose backward uses {@code s (1 + s)} instead of {@code s (1 - s)} (sign slip). */
    static Component sigmoidOnePlusBackward() {
        return ElementwiseActivation.of(Sigmoid.ID, Sigmoid::sigmoid, x -> Sigmoid.sigmoid(x) * (1 + Sigmoid.sigmoid(x)));
    }

    /**
     * Sigmoid whose backward applies the output formula to the input: {@code x (1 - x)}
     * instead of {@code y (1 - y)} (the cached tensor mixed up).
     */
    static Component sigmoidBackwardFromInput() {
        return ElementwiseActivation.of(Sigmoid.ID, Sigmoid::sigmoid, x -> x * (1 - x));
    }

    /** Tanh whose backward uses {@code 1 - x^2} instead of {@code 1 - y^2} (input for output). */
    static Component tanhBackwardFromInput() {
        return ElementwiseActivation.of(Tanh.ID, Math::tanh, x -> 1 - x * x);
    }

    /** relu's value; NaN stays NaN. */
    private static double relu(double x) {
        return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
    }

    /** ReLU whose backward takes the subgradient 1 at {@code x = 0} (mask {@code x >= 0}). */
    static Component reluOneAtZero() {
        return ElementwiseActivation.of(Relu.ID, ActivationVariants::relu, x -> x >= 0 ? 1.0 : 0.0);
    }

    /** ReLU whose backward forgets the mask: {@code dx = dy} everywhere. */
    static Component reluNoMask() {
        return ElementwiseActivation.of(Relu.ID, ActivationVariants::relu, x -> 1.0);
    }

    /** Hendrycks and Gimpel's (2016, section 2) constant of the sigmoid approximation of GELU. */
    private static final double K = 1.702;

    /** The sigmoid approximation of GELU from Hendrycks and Gimpel 2016, section 2: {@code x sigmoid(1.702 x)}. */
    static Component geluSigmoidApprox() {
        return ElementwiseActivation.of(Gelu.ID, x -> x * Sigmoid.sigmoid(K * x),
                x -> Sigmoid.sigmoid(K * x) + x * K * Sigmoid.derivative(K * x));
    }
}
