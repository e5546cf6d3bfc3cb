package org.nncheck.reference.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code dropconnect} (Wan et al. 2013, "Regularization of Neural Networks using
 * DropConnect"), an affine layer whose WEIGHTS are dropped, with the randomness given as the
 * input {@code mask} (D, M) (1 = keep, 0 = drop, checked to be 0/1).
 *
 * <p>Shapes: {@code x (N, D)}, {@code w (D, M)}, {@code b (M)}, {@code mask (D, M)};
 * {@code y (N, M)}. Parameters {@code p} (0.5, the DROP probability), {@code training} (true).
 * Training: {@code y = x (w * mask) / (1 - p) + b} (inverted scaling, so the expectation over
 * masks is {@code x w + b}); test: {@code y = x w + b} (the mask is not used and may be left
 * out). This is the SPEC's deterministic test rule, not the paper's Gaussian moment-matching
 * inference.
 *
 * <p>Backward with {@code W' = w * mask / (1 - p)}: {@code dx = dy W'^T},
 * {@code dw = (x^T dy) * mask / (1 - p)}, {@code db = sum_n dy}; at test time the mask and
 * the scale drop out. Products by EJML in double. Inputs are never modified. Smooth.
 */
public final class Dropconnect implements Component {
    static final String ID = "dropconnect";

    private final DropoutConvention convention;

    /** The SPEC dropconnect. */
    public Dropconnect() {
        this(DropoutConvention.SPEC);
    }

    /** Dropconnect under another convention (an alternative for {@code verify}). */
    public Dropconnect(DropoutConvention convention) {
        this.convention = convention;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * One checked call.
     *
     * @param x the input (N, D)
     * @param factor the element-wise factor on w, {@code mask / (1 - p)} or 1
     * @param effective the weights used, {@code w * factor}
     * @param b bias
     */
    private record Call(DMatrixRMaj x, double[] factor, DMatrixRMaj effective, Tensor b, int n, int d, int m) {
    }

    private Call call(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(ID, inputs, "x");
        Inputs.requireRank(ID, "x", x, 2);
        Tensor w = Inputs.require(ID, inputs, "w");
        Inputs.requireRank(ID, "w", w, 2);
        int n = x.dim(0);
        int d = x.dim(1);
        int m = w.dim(1);
        Inputs.requireShape(ID, "w", w, d, m);
        Tensor b = Inputs.require(ID, inputs, "b", m);
        double p = params.getDouble("p");
        double[] factor = new double[d * m];
        if (params.getBool("training")) {
            Tensor mask = Inputs.require(ID, inputs, "mask", d, m);
            Masks.requireBinary(ID, mask);
            double s = convention.trainingScale(p, true);
            for (int i = 0; i < factor.length; i++) {
                factor[i] = mask.get(i) * s;
            }
        } else {
            Tensor mask = inputs.get("mask");
            if (mask != null) {
                Inputs.requireShape(ID, "mask", mask, d, m);
            }
            java.util.Arrays.fill(factor, convention.evalScale(p, true));
        }
        DMatrixRMaj eff = w.asMatrix(d, m);
        for (int i = 0; i < factor.length; i++) {
            if (factor[i] != 1.0) {
                eff.data[i] *= factor[i];
            }
        }
        return new Call(x.asMatrix(n, d), factor, eff, b, n, d, m);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Call k = call(inputs, params);
        DMatrixRMaj y = new DMatrixRMaj(k.n, k.m);
        CommonOps_DDRM.mult(k.x, k.effective, y);
        for (int i = 0; i < k.n; i++) {
            for (int j = 0; j < k.m; j++) {
                y.data[i * k.m + j] += k.b.get(j);
            }
        }
        return Map.of("y", Tensor.fromMatrix(y, k.n, k.m));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Call k = call(inputs, params);
        DMatrixRMaj dy = Inputs.upstream(ID, upstream, "dy", Tensor.zeros(k.n, k.m)).asMatrix(k.n, k.m);
        DMatrixRMaj dx = new DMatrixRMaj(k.n, k.d);
        CommonOps_DDRM.multTransB(dy, k.effective, dx);
        DMatrixRMaj dw = new DMatrixRMaj(k.d, k.m);
        CommonOps_DDRM.multTransA(k.x, dy, dw);
        for (int i = 0; i < k.factor.length; i++) {
            if (k.factor[i] != 1.0) {
                dw.data[i] *= k.factor[i];
            }
        }
        double[] db = new double[k.m];
        for (int i = 0; i < k.n; i++) {
            for (int j = 0; j < k.m; j++) {
                db[j] += dy.data[i * k.m + j];
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("dx", Tensor.fromMatrix(dx, k.n, k.d));
        out.put("dw", Tensor.fromMatrix(dw, k.d, k.m));
        out.put("db", Tensor.wrap(new int[] {k.m}, db));
        return out;
    }
}
