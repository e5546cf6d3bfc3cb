package org.nncheck.reference.activation;

import org.nncheck.core.Params;

/**
 * Known mistakes in hand-written activation backwards, as small components, registered as
 * {@link org.nncheck.catalogue.Alternative}s so that {@code verify} can say "would match under:
 * ..." when a case fails. None of these is correct; each is a bug seen in practice.
 */
final class ActivationVariants {
    private ActivationVariants() {
    }

    /** Sigmoid whose backward uses {@code s (1 + s)} instead of {@code s (1 - s)} (sign slip). */
    static final class SigmoidOnePlusBackward extends ElementwiseActivation {
        @Override
        public String id() {
            return "sigmoid";
        }

        @Override
        protected Scalar bind(Params params) {
            return new Scalar() {
                @Override
                public double value(double x) {
                    return Sigmoid.sigmoid(x);
                }

                @Override
                public double derivative(double x) {
                    double s = Sigmoid.sigmoid(x);
                    return s * (1 + s);
                }
            };
        }
    }

    /**
     * Sigmoid whose backward applies the output formula to the input: {@code x (1 - x)}
     * instead of {@code y (1 - y)} (the cached tensor mixed up).
     */
    static final class SigmoidBackwardFromInput extends ElementwiseActivation {
        @Override
        public String id() {
            return "sigmoid";
        }

        @Override
        protected Scalar bind(Params params) {
            return new Scalar() {
                @Override
                public double value(double x) {
                    return Sigmoid.sigmoid(x);
                }

                @Override
                public double derivative(double x) {
                    return x * (1 - x);
                }
            };
        }
    }

    /** Tanh whose backward uses {@code 1 - x^2} instead of {@code 1 - y^2} (input for output). */
    static final class TanhBackwardFromInput extends ElementwiseActivation {
        @Override
        public String id() {
            return "tanh";
        }

        @Override
        protected Scalar bind(Params params) {
            return new Scalar() {
                @Override
                public double value(double x) {
                    return Math.tanh(x);
                }

                @Override
                public double derivative(double x) {
                    return 1 - x * x;
                }
            };
        }
    }

    /** ReLU whose backward takes the subgradient 1 at {@code x = 0} (mask {@code x >= 0}). */
    static final class ReluOneAtZero extends ElementwiseActivation {
        @Override
        public String id() {
            return "relu";
        }

        @Override
        protected Scalar bind(Params params) {
            return new Scalar() {
                @Override
                public double value(double x) {
                    return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
                }

                @Override
                public double derivative(double x) {
                    return x >= 0 ? 1.0 : 0.0;
                }
            };
        }
    }

    /** ReLU whose backward forgets the mask: {@code dx = dy} everywhere. */
    static final class ReluNoMask extends ElementwiseActivation {
        @Override
        public String id() {
            return "relu";
        }

        @Override
        protected Scalar bind(Params params) {
            return new Scalar() {
                @Override
                public double value(double x) {
                    return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
                }

                @Override
                public double derivative(double x) {
                    return 1.0;
                }
            };
        }
    }

    /**
     * The sigmoid approximation of GELU from Hendrycks and Gimpel 2016, section 2:
     * {@code x sigmoid(1.702 x)}.
     */
    static final class GeluSigmoidApprox extends ElementwiseActivation {
        private static final double K = 1.702;

        @Override
        public String id() {
            return "gelu";
        }

        @Override
        protected Scalar bind(Params params) {
            return new Scalar() {
                @Override
                public double value(double x) {
                    return x * Sigmoid.sigmoid(K * x);
                }

                @Override
                public double derivative(double x) {
                    return Sigmoid.sigmoid(K * x) + x * K * Sigmoid.derivative(K * x);
                }
            };
        }
    }
}
