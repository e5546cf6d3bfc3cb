package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Kinks;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code multiclass_hinge}: the multiclass SVM (Weston-Watkins) hinge loss (SPEC.md section 1,
 * Losses; CS231n "Linear classification: Multiclass SVM loss").
 *
 * <p>Inputs: {@code scores} (N, C), C &gt;= 1, {@code labels} (N) class indices in [0, C).
 * Parameters: {@code margin} (default 1.0, any finite number), {@code reduction} ("mean": divide
 * by N, default; "sum"). Output {@code loss} (shape []):
 * {@code loss_i = sum_{j != y_i} max(0, s_ij - s_iy + margin)}.
 *
 * <p>Conventions: the term {@code j = y} is NOT counted (counting it adds {@code margin} per
 * sample, a known mistake, available as an alternative); the sum is NOT divided by C (PyTorch's
 * {@code MultiMarginLoss} divides by C; also an alternative). Gradient: for every term with
 * {@code s_ij - s_iy + margin > 0}, {@code dscores_ij += dloss * f} and
 * {@code dscores_iy -= dloss * f} (f = 1/N or 1); at a kink (a term exactly 0) the subgradient 0
 * is taken (the term counts as inactive), as PyTorch's {@code multi_margin_loss_backward}.
 *
 * <p>Kinks: where a term is 0, i.e. {@code s_ij = s_iy - margin}; {@link #marginKinks()} (the entry's kinks) gives the
 * exact distance of each score to its nearest kink (along that coordinate). Inputs are never
 * modified.
 */
public final class MulticlassHinge implements Component {

    /** The catalogue id. */
    public static final String ID = "multiclass_hinge";
    /** The margin parameter name. */
    public static final String MARGIN = "margin";

    /** The parameter schema (SPEC defaults). */
    public static ParamSpec[] params() {
        return new ParamSpec[] {ParamSpec.real(MARGIN, 1.0, "margin Delta in max(0, s_j - s_y + Delta)"), Reduction.param()};
    }

    /** Validated inputs. */
    record Problem(Tensor scores, int[] labels, int n, int c, double margin, Reduction reduction) {
        double term(int i, int j) {
            return scores.get(i * c + j) - scores.get(i * c + labels[i]) + margin;
        }
    }

    static Problem problem(Map<String, Tensor> inputs, Params params) {
        Tensor s = LossSupport.matrix(ID, inputs, "scores");
        int[] labels = LossSupport.labels(ID, inputs, "scores", s);
        double margin = params.getDouble(MARGIN);
        if (!Double.isFinite(margin)) {
            throw new ContractException(ID + ": parameter 'margin' must be finite, got " + margin);
        }
        return new Problem(s, labels, s.dim(0), s.dim(1), margin, Reduction.of(params));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Problem p = problem(inputs, params);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.c(); j++) {
                if (j != p.labels()[i]) {
                    double t = p.term(i, j);
                    if (t > 0 || Double.isNaN(t)) {
                        sum.add(t);
                    }
                }
            }
        }
        return LossSupport.loss(p.reduction().reduce(sum.value(), p.n()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Problem p = problem(inputs, params);
        double g = LossSupport.dloss(ID, upstream) * p.reduction().factor(p.n());
        double[] d = new double[p.scores().size()];
        for (int i = 0; i < p.n(); i++) {
            int y = p.labels()[i];
            int active = 0;
            for (int j = 0; j < p.c(); j++) {
                if (j != y && p.term(i, j) > 0) {
                    d[i * p.c() + j] = g;
                    active++;
                }
            }
            d[i * p.c() + y] = -g * active;
        }
        return Map.of("dscores", Tensor.wrap(p.scores().shape(), d));
    }

    /** Where a hinge term is 0: the entry's kinks. */
    static Kinks marginKinks() {
        return new Kinks() {
            @Override
            public double distance(Map<String, Tensor> inputs, Params params, String tensor, int index) {
                if (!tensor.equals("scores")) {
                    return Double.POSITIVE_INFINITY;
                }
                Problem p = problem(inputs, params);
                int i = index / p.c();
                int j = index % p.c();
                int y = p.labels()[i];
                if (j != y) {
                    return Math.abs(p.term(i, j));
                }
                double d = Double.POSITIVE_INFINITY;
                for (int k = 0; k < p.c(); k++) {
                    if (k != y) {
                        d = Math.min(d, Math.abs(p.term(i, k)));
                    }
                }
                return d;
            }

            @Override
            public String describe() {
                return "s_j - s_y + margin = 0 for some j != y";
            }
        };
    }
}
