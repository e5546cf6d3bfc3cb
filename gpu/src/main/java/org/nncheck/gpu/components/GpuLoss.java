package org.nncheck.gpu.components;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.LossKernelF;

/**
 * The losses and the additive regularizers on {@link LossKernelF}: per-row or per-element terms
 * on the device, summed by the segmented reduction kernel; the reduction factor (1/N, 1/(N C),
 * 1) times the upstream {@code dloss} scales the gradient kernels. The SPEC's tensor names:
 * softmax_cross_entropy (logits; labels or targets) -> dlogits; nll (log_probs, labels) ->
 * dlog_probs; multiclass_hinge (scores, labels) -> dscores; mse (pred, target) -> dpred,
 * dtarget; binary_cross_entropy_with_logits (logits, targets) -> dlogits;
 * binary_cross_entropy (probs, targets) -> dprobs; kl_divergence (p, log_q) -> dlog_q;
 * l2, l1, elastic_net (w) -> dw.
 */
public final class GpuLoss extends GpuComponent {

    private record Spec(int op, String a, String b, boolean rows, String[] grads) {
    }

    /** The kernel op and tensor names of each entry id with a loss kernel (the gpu registry's list). */
    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("softmax_cross_entropy", new Spec(LossKernelF.CROSS_ENTROPY, "logits", "targets", true, new String[] {"logits"})),
            Map.entry("nll", new Spec(LossKernelF.NLL, "log_probs", null, true, new String[] {"log_probs"})),
            Map.entry("multiclass_hinge", new Spec(LossKernelF.HINGE, "scores", null, true, new String[] {"scores"})),
            Map.entry("kl_divergence", new Spec(LossKernelF.KL, "p", "log_q", true, new String[] {"log_q"})),
            Map.entry("mse", new Spec(LossKernelF.MSE, "pred", "target", false, new String[] {"pred", "target"})),
            Map.entry("binary_cross_entropy_with_logits", new Spec(LossKernelF.BCE_LOGITS, "logits", "targets", false, new String[] {"logits"})),
            Map.entry("binary_cross_entropy", new Spec(LossKernelF.BCE, "probs", "targets", false, new String[] {"probs"})),
            Map.entry("l2", new Spec(LossKernelF.L2, "w", null, false, new String[] {"w"})),
            Map.entry("l1", new Spec(LossKernelF.L1, "w", null, false, new String[] {"w"})),
            Map.entry("elastic_net", new Spec(LossKernelF.ELASTIC_NET, "w", null, false, new String[] {"w"})));

    /** The entry ids this class has a kernel for (registered by {@code GpuCatalogue}). */
    public static java.util.Set<String> ids() {
        return SPECS.keySet();
    }

    private final Spec spec;

    public GpuLoss(String id, Precision p) {
        super(id, p);
        spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no loss kernel for " + id);
        }
    }

    private record Prepared(Tensor a, double[] b, int[] labels, int count, int cols, boolean hasTargets, double factor) {
    }

    private Prepared prepare(Map<String, Tensor> inputs, Params p) {
        Tensor a = in(inputs, spec.a);
        boolean regularizer = spec.op >= LossKernelF.L2;
        boolean kl = spec.op == LossKernelF.KL;
        if (kl && a.rank() < 1) {
            // the reference's rule: any rank >= 1, N = axis 0 (KL sums element-wise, so the rest flattens)
            throw new ContractException(id() + ": tensor '" + spec.a + "' must have shape (N, C) (rank >= 1, N = axis 0), got a scalar");
        } else if (spec.rows && !kl) {
            Inputs.requireRank(id(), spec.a, a, 2);
        }
        int n = spec.rows ? a.dim(0) : a.size();
        int c = !spec.rows ? 1 : kl ? (n == 0 ? 0 : a.size() / n) : a.dim(1);
        double[] b = null;
        int[] labels = null;
        boolean hasTargets = false;
        if (spec.op == LossKernelF.CROSS_ENTROPY) {
            Tensor t = inputs.get("targets");
            if (t != null) {
                Inputs.requireSameShape(id(), spec.a, a, "targets", t);
                b = t.toArray();
                hasTargets = true;
            } else {
                labels = labels(in(inputs, "labels"), n, c);
            }
        } else if (spec.op == LossKernelF.NLL || spec.op == LossKernelF.HINGE) {
            labels = labels(in(inputs, "labels"), n, c);
        } else if (spec.b != null) {
            Tensor t = in(inputs, spec.b);
            Inputs.requireSameShape(id(), spec.a, a, spec.b, t);
            b = t.toArray();
        }
        double factor;
        if (regularizer) {
            factor = 1.0;
        } else if (spec.op == LossKernelF.KL) {
            String r = p.getChoice("reduction");
            factor = r.equals("sum") ? 1.0 : r.equals("mean") ? 1.0 / a.size() : 1.0 / n;
        } else {
            String r = p.getChoice("reduction");
            factor = r.equals("sum") ? 1.0 : 1.0 / n;
        }
        // a mean over nothing is 0 * inf = NaN, as PyTorch's mean of an empty tensor and the reference
        return new Prepared(a, b, labels, n, c, hasTargets, factor);
    }

    private double lambda(Params p) {
        return spec.op >= LossKernelF.L2 ? p.getDouble("lambda") : 0;
    }

    private double beta(Params p) {
        return spec.op == LossKernelF.ELASTIC_NET ? p.getDouble("beta") : 0;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Prepared q = prepare(inputs, params);
        double ls = spec.op == LossKernelF.CROSS_ENTROPY ? params.getDouble("label_smoothing") : 0;
        if (ls < 0 || ls > 1) {
            throw new ContractException(id() + ": parameter 'label_smoothing' must be in [0, 1], got " + ls);
        }
        double margin = spec.op == LossKernelF.HINGE ? params.getDouble("margin") : 0;
        double[] terms = Kernels.loss(precision, k -> k.apply(spec.op, LossKernelF.TERMS, q.a.toArray(), q.b, q.labels,
                q.count, q.cols, q.hasTargets, ls, margin, lambda(params), beta(params), 1));
        double total = q.count == 0 ? 0 : Kernels.sum(precision, terms, 1, terms.length, terms.length)[0];
        return Map.of("loss", Tensor.scalar(precision.round(total * q.factor)));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Prepared q = prepare(inputs, params);
        double ls = spec.op == LossKernelF.CROSS_ENTROPY ? params.getDouble("label_smoothing") : 0;
        double margin = spec.op == LossKernelF.HINGE ? params.getDouble("margin") : 0;
        double scale = precision.round(q.factor * dloss(upstream));
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (int g = 0; g < spec.grads.length; g++) {
            int mode = g == 0 && !spec.grads[g].equals(spec.b) ? LossKernelF.GRAD_A : LossKernelF.GRAD_B;
            if (spec.op == LossKernelF.KL) {
                mode = LossKernelF.GRAD_B;
            }
            int m = mode;
            double[] d = Kernels.loss(precision, k -> k.apply(spec.op, m, q.a.toArray(), q.b, q.labels, q.count, q.cols,
                    q.hasTargets, ls, margin, lambda(params), beta(params), scale));
            int[] shape = m == LossKernelF.GRAD_A ? q.a.shape() : in(inputs, spec.b).shape();
            grads.put("d" + spec.grads[g], out(shape, d));
        }
        return grads;
    }

}
