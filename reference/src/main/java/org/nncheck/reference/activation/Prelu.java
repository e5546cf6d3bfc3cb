package org.nncheck.reference.activation;

import java.util.Map;
import org.nncheck.numeric.CompensatedSum;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code prelu}: leaky ReLU with a learned slope (He et al. 2015, "Delving Deep into
 * Rectifiers"; PyTorch {@code torch.nn.PReLU}), SPEC section 1. No parameters.
 *
 * <p>Inputs: {@code x} of any shape, and {@code alpha} either of shape (1) (one slope shared by
 * every element; a scalar of shape () is accepted too) or of shape (C) with
 * {@code C = x.shape[1]} (one slope per channel on axis 1, so x needs rank &gt;= 2; this is
 * PyTorch's layout: (N, C), (N, C, L), (N, C, H, W)...).
 *
 * <p>Forward: {@code y = x} if {@code x > 0} else {@code alpha_c x}. Backward:
 * {@code dx = dy} if {@code x > 0} else {@code alpha_c dy}; {@code dalpha_c = sum over every
 * position (batch and spatial) of channel c with x <= 0 of x dy}, a SUM, not a mean (PyTorch's
 * {@code prelu_backward}; the batch-averaged variant is registered as an alternative). dalpha
 * has the shape of alpha.
 *
 * <p>At {@code x = 0} the slope is {@code alpha_c} (PyTorch tests {@code x > 0}); the
 * contribution to dalpha there is {@code 0 * dy = 0} either way. NaN in x gives {@code y = NaN},
 * {@code dx = alpha dy} (PyTorch's branch) and NaN in dalpha. Kink at x = 0 (alpha enters
 * linearly: no kink along alpha).
 */
public final class Prelu implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "prelu";


    /** Forward and backward of one call, with the slope layout resolved. */
    private record Layout(Tensor x, Tensor alpha, boolean shared, int channels, int inner) {
        /** The channel of flat index i of x (0 when shared). */
        int channel(int i) {
            return shared ? 0 : (i / inner) % channels;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    private Layout layout(Map<String, Tensor> inputs) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Tensor alpha = Inputs.require(id(), inputs, "alpha");
        if (alpha.size() == 1 && alpha.rank() <= 1) {
            return new Layout(x, alpha, true, 1, 1);
        }
        if (x.rank() < 2) {
            throw new ContractException(id() + ": tensor 'alpha' must have shape [1] (one shared slope) because 'x' of shape "
                    + x.shapeString() + " has no channel axis 1; got " + alpha.shapeString());
        }
        int c = x.dim(1);
        if (alpha.rank() != 1 || alpha.size() != c) {
            throw new ContractException(id() + ": tensor 'alpha' must have shape [1] (shared) or [" + c
                    + "] (one slope per channel on axis 1 of 'x' " + x.shapeString() + "), got " + alpha.shapeString());
        }
        int inner = 1;
        for (int a = 2; a < x.rank(); a++) {
            inner *= x.dim(a);
        }
        return new Layout(x, alpha, false, c, inner);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Layout l = layout(inputs);
        double[] y = new double[l.x().size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = LeakyRelu.leakyRelu(l.x().get(i), l.alpha().get(l.channel(i)));
        }
        return Map.of("y", Tensor.wrap(l.x().shape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Layout l = layout(inputs);
        Tensor dy = Inputs.upstream(id(), upstream, "dy", l.x());
        return gradients(l, dy, 1.0);
    }

    /** The gradients, dalpha multiplied by {@code dalphaScale} (1 for the SPEC sum). */
    private static Map<String, Tensor> gradients(Layout l, Tensor dy, double dalphaScale) {
        double[] dx = new double[l.x().size()];
        double[] dalpha = new double[l.alpha().size()];
        CompensatedSum[] sums = CompensatedSum.array(dalpha.length);
        for (int i = 0; i < dx.length; i++) {
            double xi = l.x().get(i);
            int c = l.channel(i);
            if (xi > 0) {
                dx[i] = dy.get(i);
            } else {
                dx[i] = l.alpha().get(c) * dy.get(i);
                sums[c].add(xi * dy.get(i));
            }
        }
        for (int c = 0; c < dalpha.length; c++) {
            dalpha[c] = sums[c].value() * dalphaScale;
        }
        return Map.of("dx", Tensor.wrap(l.x().shape(), dx), "dalpha", Tensor.wrap(l.alpha().shape(), dalpha));
    }

    /**
     * A known mistake, for {@code verify} diagnostics: dalpha averaged over the batch (divided
     * by {@code N = x.shape[0]}) instead of summed.
     */
    public static final class BatchMeanAlphaGrad implements Component {
        private final Prelu prelu = new Prelu();

        @Override
        public String id() {
            return ID;
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
            return prelu.forward(inputs, params);
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
            Layout l = prelu.layout(inputs);
            Tensor dy = Inputs.upstream(id(), upstream, "dy", l.x());
            int n = l.x().rank() == 0 ? 1 : Math.max(1, l.x().dim(0));
            return gradients(l, dy, 1.0 / n);
        }
    }
}
