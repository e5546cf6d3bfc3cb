package org.nncheck.reference.optim;

import java.util.Locale;
import org.nncheck.core.Params;

/**
 * The velocity shared by {@link Momentum} and {@link Nesterov}, in the two forms the SPEC
 * names (parameter {@code form}).
 *
 * <p><b>pytorch</b> (PyTorch 1.13 {@code torch.optim.SGD}, {@code _single_tensor_sgd}): the
 * buffer is the sum of past gradients, {@code v = g} at {@code t = 1} (no dampening on the
 * first step: PyTorch clones {@code d_p} into the buffer), else
 * {@code v = momentum * v + (1 - dampening) * g}; momentum steps {@code w -= lr * v}, nesterov
 * steps {@code w -= lr * (g + momentum * v)}. The learning rate multiplies the buffer at each
 * step, so a changed lr rescales the whole accumulated velocity at once.
 *
 * <p><b>cs231n</b> (CS231n notes "Neural Networks Part 3", Momentum update and Nesterov
 * Momentum): the velocity holds learning-rate-scaled gradients, {@code v = momentum * v - lr *
 * g}; momentum steps {@code w += v}; nesterov steps {@code v_prev = v; v = momentum * v - lr * g;
 * w += -momentum * v_prev + (1 + momentum) * v}. A learning rate change only affects gradients
 * from then on. Where the SPEC is silent (dampening, which CS231n does not have) the gradient is
 * weighted exactly as in the pytorch form ({@code 1} at {@code t = 1}, else
 * {@code 1 - dampening}), so that <em>for a constant learning rate both forms give the same
 * trajectory</em> ({@code v_cs231n = -lr * v_pytorch}); they differ only when {@code lr}
 * changes between steps.
 */
abstract class HeavyBall extends Optimizer {

    /** The two forms of the SPEC's {@code form} parameter. */
    enum Form {
        PYTORCH, CS231N;

        static Form parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** Whether the step looks ahead (Nesterov) or not (heavy-ball momentum). */
    protected abstract boolean lookahead();

    /** The dampening (0 for nesterov, which has no such parameter). */
    protected abstract double dampening(Params params);

    /**
     * Weight of the gradient in the velocity update of step {@code t}: PyTorch's 1 at
     * {@code t = 1} (the buffer is a copy of the gradient), else {@code 1 - dampening}.
     * Alternatives (documented mistakes) override this.
     */
    protected double gradientWeight(int t, double momentum, double dampening) {
        return t == 1 ? 1.0 : 1.0 - dampening;
    }

    @Override
    protected UpdateRule newRule(Params params, int size) {
        double momentum = params.getDouble("momentum");
        double dampening = dampening(params);
        double weightDecay = params.getDouble("weight_decay");
        Form form = Form.parse(params.getChoice("form"));
        boolean nesterov = lookahead();
        double[] v = new double[size];
        return (t, lr, g, w) -> {
            addWeightDecay(g, w, weightDecay);
            double c = gradientWeight(t, momentum, dampening);
            for (int i = 0; i < w.length; i++) {
                if (form == Form.PYTORCH) {
                    v[i] = momentum * v[i] + c * g[i];
                    w[i] -= lr * (nesterov ? g[i] + momentum * v[i] : v[i]);
                } else {
                    double prev = v[i];
                    v[i] = momentum * prev - lr * (c * g[i]);
                    w[i] += nesterov ? -momentum * prev + (1 + momentum) * v[i] : v[i];
                }
            }
        };
    }
}
