package org.nncheck.reference.optim;

import java.util.Locale;
import org.nncheck.core.Params;

/**
 * {@code adam} (Kingma and Ba 2015), as PyTorch 1.13 {@code torch.optim.Adam} /
 * {@code AdamW} ({@code _single_tensor_adam(w)}), with the SPEC's options:
 * <pre>
 *   decoupled_weight_decay: w = w * (1 - lr * weight_decay)   (AdamW, Loshchilov and Hutter 2019)
 *   else:                   g = grads[t] + weight_decay * w    (L2 through the gradient)
 *   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2       (both start at 0)
 *   amsgrad: vmax = max(vmax, v) and vmax replaces v below (Reddi et al. 2018, as PyTorch:
 *            the maximum of the raw v, bias-corrected afterwards)
 *   bc1 = 1 - beta1^t, bc2 = 1 - beta2^t  (both 1 when bias_correction = false)
 *   eps_form "standard": w -= (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps)    (PyTorch)
 *   eps_form "hat":      w -= lr * sqrt(bc2) / bc1 * m / (sqrt(v) + eps)
 *                        (Kingma and Ba's "more efficient" order of Algorithm 1, TensorFlow's eps-hat)
 * </pre>
 * The two eps forms differ only in how much eps weighs (eps-hat = eps * sqrt(bc2)); they agree
 * for {@code eps = 0}. With bias correction the first step is {@code lr * g / (|g| + eps)},
 * i.e. of size {@code lr} per coordinate. {@code bias_correction = false} is CS231n's Adam
 * without the bias-correction lines (which the notes present first): a documented option here,
 * and the alternative "Adam without bias correction" when a case claims the default.
 *
 * <p>Parameters: {@code lr} (0.001), {@code beta1} (0.9), {@code beta2} (0.999), {@code eps}
 * (1e-8), {@code weight_decay} (0), {@code decoupled_weight_decay} (false), {@code amsgrad}
 * (false), {@code bias_correction} (true), {@code eps_form} ("standard" or "hat"). The
 * decoupled decay uses the step's learning rate (an {@code lr} tensor included), as PyTorch's
 * AdamW does. Shapes: see {@link Optimizer}.
 */
public class Adam extends Optimizer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "adam";


    /** The SPEC's {@code eps_form}. */
    enum EpsForm {
        STANDARD, HAT;

        static EpsForm parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * The denominator {@code sqrt(v) / scale + eps}, where {@code scale = sqrt(bc2)} in the
     * standard form and 1 in the hat form.
     */
    protected double denominator(double v, double scale, double eps) {
        return Math.sqrt(v) / scale + eps;
    }

    /**
     * The factor of the decoupled weight decay, {@code 1 - lr * weight_decay} (PyTorch's AdamW:
     * the decay is scaled by the learning rate).
     */
    protected double decoupledKeep(double lr, double weightDecay) {
        return 1 - lr * weightDecay;
    }

    /** The step number the bias corrections use: {@code t} (PyTorch, the paper). */
    protected int biasCorrectionStep(int t) {
        return t;
    }

    @Override
    protected UpdateRule newRule(Params params, int size) {
        double beta1 = params.getDouble("beta1");
        double beta2 = params.getDouble("beta2");
        double eps = params.getDouble("eps");
        double weightDecay = params.getDouble("weight_decay");
        boolean decoupled = params.getBool("decoupled_weight_decay");
        boolean amsgrad = params.getBool("amsgrad");
        boolean biasCorrection = params.getBool("bias_correction");
        EpsForm epsForm = EpsForm.parse(params.getChoice("eps_form"));
        double[] m = new double[size];
        double[] v = new double[size];
        double[] vmax = new double[size];
        return (t, lr, g, w) -> {
            if (decoupled) {
                if (weightDecay != 0) {
                    double keep = decoupledKeep(lr, weightDecay);
                    for (int i = 0; i < w.length; i++) {
                        w[i] *= keep;
                    }
                }
            } else {
                addWeightDecay(g, w, weightDecay);
            }
            int tc = biasCorrectionStep(t);
            double bc1 = biasCorrection ? 1 - Math.pow(beta1, tc) : 1.0;
            double bc2 = biasCorrection ? 1 - Math.pow(beta2, tc) : 1.0;
            double bc2Sqrt = Math.sqrt(bc2);
            double stepSize;
            double scale;
            if (epsForm == EpsForm.STANDARD) {
                stepSize = lr / bc1;
                scale = bc2Sqrt;
            } else {
                stepSize = lr * bc2Sqrt / bc1;
                scale = 1.0;
            }
            for (int i = 0; i < w.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * (g[i] * g[i]);
                double second = v[i];
                if (amsgrad) {
                    vmax[i] = Math.max(vmax[i], v[i]);
                    second = vmax[i];
                }
                w[i] -= stepSize * (m[i] / denominator(second, scale, eps));
            }
        };
    }
}
