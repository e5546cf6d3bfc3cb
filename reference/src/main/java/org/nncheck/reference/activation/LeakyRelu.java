package org.nncheck.reference.activation;

import org.nncheck.core.Params;

/**
 * {@code leaky_relu}: {@code y = x} if {@code x > 0} else {@code alpha * x};
 * {@code dx = dy} if {@code x > 0} else {@code alpha * dy} (SPEC section 1; Maas et al. 2013,
 * PyTorch {@code torch.nn.functional.leaky_relu(negative_slope=alpha)}). Input {@code x} of any
 * shape; {@code y}, {@code dx} of the same shape.
 *
 * <p>Parameter {@code alpha} (default 0.01, as PyTorch; any real, negative slopes included).
 * The CS231n notes use 0.1 and Keras' {@code LeakyReLU} 0.3: the catalogue registers both as
 * alternatives, and a case should always pass alpha explicitly.
 *
 * <p>Accuracy: correctly rounded (one multiplication; 0.5 ulp measured).
 *
 * <p>At the kink {@code x = 0} the derivative is {@code alpha}, as PyTorch's
 * {@code leaky_relu_backward} ({@code x > 0 ? dy : dy * alpha}). NaN gives {@code y = NaN} and,
 * through that same test, {@code dx = alpha * dy}.
 */
public final class LeakyRelu extends ElementwiseActivation {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "leaky_relu";


    /** The leaky rectifier with slope {@code alpha} on the negative side. */
    public static double leakyRelu(double x, double alpha) {
        return x > 0 ? x : alpha * x;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected Scalar bind(Params params) {
        double alpha = params.getDouble("alpha");
        return new Scalar() {
            @Override
            public double value(double x) {
                return leakyRelu(x, alpha);
            }

            @Override
            public double derivative(double x) {
                return x > 0 ? 1.0 : alpha;
            }
        };
    }

}
