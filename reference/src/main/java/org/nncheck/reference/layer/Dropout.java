package org.nncheck.reference.layer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code dropout} (Srivastava et al. 2014, "Dropout"; CS231n "Neural Networks Part 2",
 * inverted dropout) with the randomness given as an input: the {@code mask} (shape of x,
 * 1 = keep, 0 = drop, checked to be 0/1), so any two implementations can be compared exactly.
 *
 * <p>Parameters: {@code p} (0.5) the DROP probability, {@code inverted} (true),
 * {@code training} (true).
 * <ul>
 *   <li>training, inverted: {@code y = x * mask / (1 - p)} (PyTorch's {@code F.dropout});</li>
 *   <li>training, classic: {@code y = x * mask};</li>
 *   <li>test, inverted: {@code y = x};</li>
 *   <li>test, classic: {@code y = x * (1 - p)} (the expectation of the training output).</li>
 * </ul>
 * The CS231n lecture code's {@code p} is the KEEP probability: an implementation following it
 * needs {@code p = 1 - lecture p} ({@link DropoutConvention#P_IS_KEEP_PROBABILITY}).
 * Backward: {@code dx = dy * (the same factor)}, linear and smooth. At test time the mask is
 * not used (and may be left out). Inputs are never modified.
 */
public final class Dropout implements Component {
    static final String ID = "dropout";

    private final DropoutConvention convention;

    /** The SPEC dropout. */
    public Dropout() {
        this(DropoutConvention.SPEC);
    }

    /** Dropout under another convention (an alternative for {@code verify}). */
    public Dropout(DropoutConvention convention) {
        this.convention = convention;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The element-wise factor y/x (the same for dx/dy). */
    private double[] factors(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(ID, inputs, "x");
        double p = params.getDouble("p");
        boolean inverted = params.getBool("inverted");
        double[] f = new double[x.size()];
        if (params.getBool("training")) {
            Tensor mask = Inputs.require(ID, inputs, "mask");
            Inputs.requireSameShape(ID, "x", x, "mask", mask);
            Masks.requireBinary(ID, mask);
            double s = convention.trainingScale(p, inverted);
            for (int i = 0; i < f.length; i++) {
                f[i] = mask.get(i) * s;
            }
        } else {
            Tensor mask = inputs.get("mask");
            if (mask != null) {
                Inputs.requireSameShape(ID, "x", x, "mask", mask);
            }
            java.util.Arrays.fill(f, convention.evalScale(p, inverted));
        }
        return f;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        double[] f = factors(inputs, params);
        Tensor x = inputs.get("x");
        double[] y = new double[f.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = f[i] == 1.0 ? x.get(i) : x.get(i) * f[i];
        }
        return Map.of("y", Tensor.wrap(x.shape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        double[] f = factors(inputs, params);
        Tensor x = inputs.get("x");
        Tensor dy = Inputs.upstream(ID, upstream, "dy", x);
        double[] dx = new double[f.length];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = f[i] == 1.0 ? dy.get(i) : dy.get(i) * f[i];
        }
        return Map.of("dx", Tensor.wrap(x.shape(), dx));
    }
}
