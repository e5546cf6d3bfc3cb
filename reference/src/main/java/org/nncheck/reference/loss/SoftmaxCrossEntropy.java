package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code softmax_cross_entropy}: cross-entropy of the softmax of {@code logits} against class
 * labels or target probabilities (SPEC.md section 1, Losses).
 *
 * <p>Inputs: {@code logits} (N, C) with C &gt;= 1, and exactly one of {@code labels} (N) (class
 * indices in [0, C)) or {@code targets} (N, C) (probabilities in [0, 1]; rows need not sum to
 * 1, the formula below holds for any non-negative weights, as in PyTorch). Output {@code loss},
 * a scalar (shape []). Parameters: {@code reduction} ("mean": divide by N, "sum"),
 * {@code label_smoothing} ls in [0, 1] (default 0).
 *
 * <p>Formula: with {@code t} the one-hot label (or the given targets), smoothed as
 * {@code t = (1 - ls) * t + ls / C} (PyTorch {@code CrossEntropyLoss(label_smoothing=...)}
 * semantics, Szegedy et al. 2016 "Rethinking the Inception architecture", section 7),
 * {@code loss_i = -sum_c t_ic * log softmax(z_i)_c} and {@code loss = sum_i loss_i} or
 * {@code loss = sum_i loss_i / N}. Gradient (CS231n "Softmax classifier"):
 * {@code dlogits_ic = dloss * f * (softmax(z_i)_c * sum_c' t_ic' - t_ic)} with {@code f} = 1/N
 * for "mean", 1 for "sum" ({@code sum_c t_ic = 1} for labels, so the rows of dlogits sum to 0).
 *
 * <p>Numerics: the log-softmax is evaluated as {@code -(log1p(s) + (m - z_c))} where {@code m}
 * is the row maximum (attained at index a) and {@code s = sum_{c != a} exp(z_c - m)}, so no
 * exponential overflows for any finite logits and a confident correct prediction gets its tiny
 * loss with full relative accuracy; a term with {@code t_c = 0} contributes exactly 0 (never
 * {@code 0 * inf}). For hard labels without smoothing, {@code dlogits} at the label is computed as
 * {@code -(sum of the other probabilities)}, not as {@code p - 1}, to avoid cancellation. The batch sum is compensated
 * (Neumaier), so the mean of N equal rows is the row value to an ulp or two. An
 * empty batch (N = 0) gives loss 0 for "sum" and NaN for "mean" (the mean of nothing, as
 * PyTorch). Inputs are never modified.
 */
public final class SoftmaxCrossEntropy implements Component {

    /** The catalogue id. */
    public static final String ID = "softmax_cross_entropy";
    /** The label smoothing parameter name. */
    public static final String LABEL_SMOOTHING = "label_smoothing";

    /** The parameter schema (SPEC defaults). */
    public static ParamSpec[] params() {
        return new ParamSpec[] {Reduction.param(),
                ParamSpec.real(LABEL_SMOOTHING, 0.0, 0, 1, "ls in [0, 1]: t = (1 - ls) * t + ls / C")};
    }

    /**
     * The validated problem: logits, the smoothed targets, and the labels when the targets are
     * exactly one-hot (labels without smoothing), for the cancellation-free gradient.
     */
    record Problem(int n, int c, Tensor logits, double[] targets, int[] hardLabels, Reduction reduction) {
    }

    @Override
    public String id() {
        return ID;
    }

    static Problem problem(String id, Map<String, Tensor> inputs, Params params) {
        Tensor logits = LossSupport.matrix(id, inputs, "logits");
        int n = logits.dim(0);
        int c = logits.dim(1);
        boolean hasLabels = inputs.containsKey("labels");
        boolean hasTargets = inputs.containsKey("targets");
        if (hasLabels == hasTargets) {
            throw new ContractException(id + ": give exactly one of 'labels' (N) class indices or 'targets' (N, C) probabilities, "
                    + (hasLabels ? "got both" : "got neither") + " (given: " + inputs.keySet() + ")");
        }
        double ls = params.getDouble(LABEL_SMOOTHING);
        double[] t = new double[n * c];
        int[] hard = null;
        if (hasLabels) {
            int[] labels = LossSupport.labels(id, inputs, "logits", logits);
            double off = ls / c;
            double on = (1 - ls) + off;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    t[i * c + j] = j == labels[i] ? on : off;
                }
            }
            hard = ls == 0 ? labels : null;
        } else {
            Tensor targets = Inputs.require(id, inputs, "targets");
            Inputs.requireSameShape(id, "logits", logits, "targets", targets);
            LossSupport.requireRange(id, "targets", targets, 0, 1, "probabilities");
            for (int k = 0; k < t.length; k++) {
                t[k] = ls == 0 ? targets.get(k) : (1 - ls) * targets.get(k) + ls / c;
            }
        }
        return new Problem(n, c, logits, t, hard, Reduction.of(params));
    }

    /** Row statistics: the maximum m, its index a, and s = sum_{c != a} exp(z_c - m). */
    private record RowStats(double max, int argmax, double rest) {
        double logSumExpShifted() {
            return Math.log1p(rest);
        }
    }

    private static RowStats rowStats(Tensor z, int row, int c) {
        int base = row * c;
        int a = 0;
        double m = z.get(base);
        for (int j = 1; j < c; j++) {
            double v = z.get(base + j);
            if (v > m || Double.isNaN(v)) {
                m = v;
                a = j;
                if (Double.isNaN(v)) {
                    break;
                }
            }
        }
        double s = 0;
        for (int j = 0; j < c; j++) {
            if (j != a) {
                s += Math.exp(z.get(base + j) - m);
            }
        }
        return new RowStats(m, a, s);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Problem p = problem(id(), inputs, params);
        CompensatedSum total = new CompensatedSum();
        for (int i = 0; i < p.n(); i++) {
            RowStats r = rowStats(p.logits(), i, p.c());
            double lse = r.logSumExpShifted();
            double row = 0;
            for (int j = 0; j < p.c(); j++) {
                double tj = p.targets()[i * p.c() + j];
                if (tj != 0) {
                    row += tj * (lse + (r.max() - p.logits().get(i * p.c() + j)));
                }
            }
            total.add(row);
        }
        return LossSupport.loss(p.reduction().reduce(total.value(), p.n()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Problem p = problem(id(), inputs, params);
        double scale = LossSupport.dloss(id(), upstream) * p.reduction().factor(p.n());
        int c = p.c();
        double[] dz = new double[p.n() * c];
        for (int i = 0; i < p.n(); i++) {
            RowStats r = rowStats(p.logits(), i, c);
            double denom = 1 + r.rest();
            double tSum = 0;
            for (int j = 0; j < c; j++) {
                tSum += p.targets()[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                double prob = Math.exp(p.logits().get(i * c + j) - r.max()) / denom;
                dz[i * c + j] = scale * (prob * tSum - p.targets()[i * c + j]);
            }
            if (p.hardLabels() != null) {
                int y = p.hardLabels()[i];
                double others = 0;
                for (int j = 0; j < c; j++) {
                    if (j != y) {
                        others += Math.exp(p.logits().get(i * c + j) - r.max());
                    }
                }
                dz[i * c + y] = -scale * (others / denom);
            }
        }
        return Map.of("dlogits", Tensor.wrap(new int[] {p.n(), c}, dz));
    }
}
