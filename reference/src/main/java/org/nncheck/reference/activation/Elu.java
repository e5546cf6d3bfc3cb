package org.nncheck.reference.activation;

import java.util.Map;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code elu}: {@code y = x} if {@code x > 0} else {@code alpha * (e^x - 1)}; the derivative is
 * 1 for {@code x > 0} and {@code alpha * e^x} for {@code x <= 0} (SPEC section 1; Clevert et
 * al. 2016, "Fast and Accurate Deep Network Learning by Exponential Linear Units"). Input
 * {@code x} of any shape; {@code y}, {@code dx} of the same shape.
 *
 * <p>Parameter {@code alpha} (default 1.0, any real). {@code e^x - 1} is evaluated with
 * {@link Math#expm1} (within 1 ulp), so small negative x keep full relative accuracy.
 *
 * <p>Accuracy (50-digit oracle, |x| <= 745, alpha 1 and 0.5): value within 0.7 ulp,
 * derivative within 0.51 ulp.
 *
 * <p>At {@code x = 0} the derivative is {@code alpha} (the left one), as PyTorch's
 * {@code elu_backward}, which tests {@code x <= 0}. That is a kink unless {@code alpha = 1},
 * and the catalogue entry's kinks say so only then. NaN gives {@code y = NaN} and, through the
 * {@code x <= 0} test, {@code dx = dy} (PyTorch's choice). {@code elu(-inf) = -alpha} with
 * derivative 0.
 */
public final class Elu extends ElementwiseActivation {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "elu";


    /** ELU with the given alpha. */
    public static double elu(double x, double alpha) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    /** ELU's derivative, {@code alpha e^x} for {@code x <= 0}. */
    public static double derivative(double x, double alpha) {
        return x <= 0 ? alpha * Math.exp(x) : 1.0;
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
                return elu(x, alpha);
            }

            @Override
            public double derivative(double x) {
                return Elu.derivative(x, alpha);
            }
        };
    }

    /** A kink at x = 0 when {@code alpha != 1} (left slope alpha, right slope 1): the entry's kinks. */
    static Kinks alphaKinks() {
        Kinks atZero = Kinks.atPoints("x", 0.0);
        return new Kinks() {
            @Override
            public double distance(Map<String, Tensor> inputs, Params params, String tensor, int index) {
                return params.getDouble("alpha") == 1.0 ? Double.POSITIVE_INFINITY
                        : atZero.distance(inputs, params, tensor, index);
            }

            @Override
            public String describe() {
                return "x = 0 (when alpha != 1)";
            }
        };
    }
}
