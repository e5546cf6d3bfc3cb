package org.nncheck.reference.optim;

import org.nncheck.core.Params;

/**
 * {@code rmsprop} (Tieleman and Hinton 2012, Coursera lecture 6e; centered form from Graves
 * 2013), as PyTorch 1.13 {@code torch.optim.RMSprop} ({@code _single_tensor_rmsprop}):
 * <pre>
 *   g = grads[t] + weight_decay * w
 *   c = alpha * c + (1 - alpha) * g^2                     (c starts at 0)
 *   centered:  a = alpha * a + (1 - alpha) * g;  s = c - a^2   (else s = c)
 *   d = sqrt(s) + eps        (eps_inside_sqrt: d = sqrt(s + eps))
 *   momentum > 0:  b = momentum * b + g / d;  w -= lr * b      (b starts at 0)
 *   else:          w -= lr * g / d
 * </pre>
 * eps is outside the square root by default (PyTorch, CS231n); {@code eps_inside_sqrt = true}
 * gives the form of TensorFlow 1's {@code RMSPropOptimizer} and Keras 2's original code. The
 * centered estimate {@code c - a^2} is a variance (never negative in exact arithmetic); where
 * rounding makes it negative it is taken as 0, where PyTorch would produce NaN.
 *
 * <p>The lecture notes' {@code cache += decay_rate * cache + (1 - decay_rate) * dx**2} is a typo
 * for {@code cache = ...}; {@link RmsPropLectureTypo} computes it so that {@code verify} can
 * recognise it.
 *
 * <p>Parameters: {@code lr} (0.01), {@code alpha} (0.99), {@code eps} (1e-8),
 * {@code eps_inside_sqrt} (false), {@code centered} (false), {@code momentum} (0),
 * {@code weight_decay} (0). Shapes: see {@link Optimizer}.
 */
public class RmsProp extends Optimizer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "rmsprop";


    @Override
    public String id() {
        return ID;
    }

    /** The new mean square {@code alpha * c + (1 - alpha) * g^2}. */
    protected double accumulate(double cache, double g, double alpha) {
        return alpha * cache + (1 - alpha) * (g * g);
    }

    @Override
    protected UpdateRule newRule(Params params, int size) {
        double alpha = params.getDouble("alpha");
        double eps = params.getDouble("eps");
        boolean epsInside = params.getBool("eps_inside_sqrt");
        boolean centered = params.getBool("centered");
        double momentum = params.getDouble("momentum");
        double weightDecay = params.getDouble("weight_decay");
        double[] squareAvg = new double[size];
        double[] gradAvg = new double[size];
        double[] buf = new double[size];
        return (t, lr, g, w) -> {
            addWeightDecay(g, w, weightDecay);
            for (int i = 0; i < w.length; i++) {
                squareAvg[i] = accumulate(squareAvg[i], g[i], alpha);
                double s = squareAvg[i];
                if (centered) {
                    gradAvg[i] = alpha * gradAvg[i] + (1 - alpha) * g[i];
                    s = Math.max(0.0, s - gradAvg[i] * gradAvg[i]);
                }
                double d = epsInside ? Math.sqrt(s + eps) : Math.sqrt(s) + eps;
                if (momentum > 0) {
                    buf[i] = momentum * buf[i] + g[i] / d;
                    w[i] -= lr * buf[i];
                } else {
                    w[i] -= lr * (g[i] / d);
                }
            }
        };
    }
}
