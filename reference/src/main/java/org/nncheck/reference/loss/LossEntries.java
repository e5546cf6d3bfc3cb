package org.nncheck.reference.loss;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Catalogue entries of the losses (SPEC.md section 1). */
public final class LossEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public LossEntries() {
    }

    /** Smallest distance of a hinge term {@code s_j - s_y + margin} from its kink at 0 in the samples. */
    public static final double HINGE_KINK_MARGIN = 0.05;

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        return List.of(softmaxCrossEntropy(), nll(), multiclassHinge(), mse(), bceWithLogits(), bce(), klDivergence());
    }

    private static Entry softmaxCrossEntropy() {
        return Entry.builder(SoftmaxCrossEntropy.ID, Family.LOSS)
                .summary("-sum_c t_c log softmax(logits)_c, t = (1-ls)*onehot(labels) (or targets) + ls/C; mean over N or sum")
                .inputs(TensorSpec.diff("logits"), TensorSpec.integers("labels").asOptional(), TensorSpec.data("targets").asOptional())
                .outputs(LossSupport.LOSS)
                .params(SoftmaxCrossEntropy.params())
                .reference(SoftmaxCrossEntropy::new)
                .samples((rnd, p, size) -> {
                    int n = Samples.dim(rnd, 1, 2 + 3 * size);
                    int c = Samples.dim(rnd, 1, 2 + 4 * size);
                    Tensor logits = Samples.normal(rnd, 0, 3, n, c);
                    return rnd.nextBoolean() ? Map.of("logits", logits, "labels", Samples.labels(rnd, c, n))
                            : Map.of("logits", logits, "targets", distributions(rnd, n, c, 0.3));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("reduction", "sum"))
                .sampleParams(Map.of("label_smoothing", 0.1))
                .sampleParams(Map.of("reduction", "sum", "label_smoothing", 0.25))
                .alternative(reductionSwap())
                .alternative(notDividedByN(SoftmaxCrossEntropy::new))
                .alternative(Alternative.ofParams("label_smoothing ignored",
                        "the loss and gradient of the unsmoothed targets (label_smoothing treated as 0)",
                        p -> p.with(Map.of(SoftmaxCrossEntropy.LABEL_SMOOTHING, 0.0))))
                .alternative(Alternative.ofComponent("label smoothing ls/(C-1) over the other classes",
                        "1 - ls on the true class and ls / (C - 1) on each other class, instead of (1 - ls) * onehot + ls / C",
                        new SoftmaxCrossEntropySmoothingOverOthers()))
                .oracle(LossOracles.softmaxCrossEntropy())
                .build();
    }

    private static Entry nll() {
        return Entry.builder(Nll.ID, Family.LOSS)
                .summary("-log_probs[i, labels_i]; mean over N or sum")
                .inputs(TensorSpec.diff("log_probs"), TensorSpec.integers("labels"))
                .outputs(LossSupport.LOSS)
                .params(Reduction.param())
                .reference(Nll::new)
                .samples((rnd, p, size) -> {
                    int n = Samples.dim(rnd, 1, 2 + 3 * size);
                    int c = Samples.dim(rnd, 1, 2 + 4 * size);
                    return Map.of("log_probs", logSoftmax(Samples.normal(rnd, 0, 2, n, c)), "labels", Samples.labels(rnd, c, n));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("reduction", "sum"))
                .alternative(reductionSwap())
                .alternative(notDividedByN(Nll::new))
                .build();
    }

    private static Entry multiclassHinge() {
        return Entry.builder(MulticlassHinge.ID, Family.LOSS)
                .summary("sum_{j != y} max(0, s_j - s_y + margin); mean over N or sum")
                .inputs(TensorSpec.diff("scores"), TensorSpec.integers("labels"))
                .outputs(LossSupport.LOSS)
                .params(MulticlassHinge.params())
                .reference(MulticlassHinge::new).kinks(MulticlassHinge.marginKinks())
                .samples((rnd, p, size) -> {
                    int n = Samples.dim(rnd, 1, 2 + 3 * size);
                    int c = Samples.dim(rnd, 1, 2 + 4 * size);
                    Tensor labels = Samples.labels(rnd, c, n);
                    return Map.of("scores", hingeScores(rnd, labels, c, p.getDouble(MulticlassHinge.MARGIN), HINGE_KINK_MARGIN),
                            "labels", labels);
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("margin", 0.5, "reduction", "sum"))
                .sampleParams(Map.of("margin", 2.0))
                .alternative(reductionSwap())
                .alternative(notDividedByN(MulticlassHinge::new))
                .alternative(Alternative.ofComponent("hinge counts the j = y term",
                        "sum over all classes including the correct one: adds max(0, margin) per sample",
                        new MulticlassHingeCountingCorrectClass()))
                .alternative(Alternative.ofComponent("divided by C (PyTorch MultiMarginLoss)",
                        "torch.nn.MultiMarginLoss divides each sample's sum by the number of classes C",
                        new RescaledLoss(new MulticlassHinge(), (in, p) -> 1.0 / in.get("scores").dim(1))))
                .build();
    }

    private static Entry mse() {
        return Entry.builder(Mse.ID, Family.LOSS)
                .summary("sum (pred - target)^2, mean over all elements or sum; grads dpred, dtarget")
                .inputs(TensorSpec.diff("pred"), TensorSpec.diff("target"))
                .outputs(LossSupport.LOSS)
                .params(Reduction.param())
                .reference(Mse::new)
                .samples((rnd, p, size) -> {
                    int[] shape = Samples.shape(rnd, size);
                    return Map.of("pred", Samples.normal(rnd, 0, 2, shape), "target", Samples.normal(rnd, 0, 2, shape));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("reduction", "sum"))
                .alternative(reductionSwap())
                .alternative(notDividedByN(Mse::new))
                .alternative(Alternative.ofComponent("mse with a factor 1/2",
                        "0.5 * (pred - target)^2 (the textbook 1/2 that cancels the 2 of the derivative)",
                        new RescaledLoss(new Mse(), (in, p) -> 0.5)))
                .alternative(Alternative.ofComponent("mse 'mean' over the batch axis only",
                        "the sum divided by N = size of axis 0 instead of by the number of elements",
                        new RescaledLoss(new Mse(), LossEntries::batchInsteadOfElements)))
                .build();
    }

    private static Entry bceWithLogits() {
        return Entry.builder(BinaryCrossEntropyWithLogits.ID, Family.LOSS)
                .summary("t*softplus(-x) + (1-t)*softplus(x) = max(x,0) - x*t + log1p(exp(-|x|)); mean over elements or sum")
                .inputs(TensorSpec.diff("logits"), TensorSpec.data("targets"))
                .outputs(LossSupport.LOSS)
                .params(Reduction.param())
                .reference(BinaryCrossEntropyWithLogits::new)
                .samples((rnd, p, size) -> {
                    int[] shape = Samples.shape(rnd, size);
                    return Map.of("logits", Samples.normal(rnd, 0, 4, shape), "targets", binaryTargets(rnd, shape));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("reduction", "sum"))
                .alternative(reductionSwap())
                .alternative(notDividedByN(BinaryCrossEntropyWithLogits::new))
                .alternative(Alternative.ofComponent("naive log(sigmoid(x)) (overflows)",
                        "-(t log s + (1-t) log(1-s)) with s = sigmoid(x) rounded: infinite or NaN for large |x|",
                        new BinaryCrossEntropyWithLogitsNaive()))
                .oracle(LossOracles.bceWithLogits())
                .build();
    }

    private static Entry bce() {
        return Entry.builder(BinaryCrossEntropy.ID, Family.LOSS)
                .summary("-(t log p + (1-t) log(1-p)), 0*log 0 = 0, +inf at log 0 otherwise; mean over elements or sum")
                .inputs(TensorSpec.diff("probs"), TensorSpec.data("targets"))
                .outputs(LossSupport.LOSS)
                .params(Reduction.param())
                .reference(BinaryCrossEntropy::new)
                .samples((rnd, p, size) -> {
                    int[] shape = Samples.shape(rnd, size);
                    return Map.of("probs", Samples.uniform(rnd, 0.02, 0.98, shape), "targets", binaryTargets(rnd, shape));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("reduction", "sum"))
                .alternative(reductionSwap())
                .alternative(notDividedByN(BinaryCrossEntropy::new))
                .alternative(Alternative.ofComponent("PyTorch BCELoss clamp (log >= -100)",
                        "each log term clamped at -100 and the gradient denominator p(1-p) at 1e-12, as torch.nn.BCELoss:"
                                + " differs from the true (infinite) value for probs at exactly 0 or 1",
                        new BinaryCrossEntropyTorchClamp()))
                .build();
    }

    private static Entry klDivergence() {
        return Entry.builder(KlDivergence.ID, Family.LOSS)
                .summary("sum p (log p - log_q), 0 log 0 = 0; batchmean (/N), sum, or mean (/N*C); grad dlog_q")
                .inputs(TensorSpec.data("p"), TensorSpec.diff("log_q"))
                .outputs(LossSupport.LOSS)
                .params(KlReduction.param())
                .reference(KlDivergence::new)
                .samples((rnd, p, size) -> {
                    int n = Samples.dim(rnd, 1, 2 + 3 * size);
                    int c = Samples.dim(rnd, 1, 2 + 4 * size);
                    return Map.of("p", distributions(rnd, n, c, 0.25), "log_q", logSoftmax(Samples.normal(rnd, 0, 2, n, c)));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("reduction", "sum"))
                .sampleParams(Map.of("reduction", "mean"))
                .alternative(Alternative.ofParams("reduction 'mean' and 'batchmean' swapped",
                        "'mean' divides by the number of elements N*C (PyTorch kl_div's default), 'batchmean' by N",
                        p -> swap(p, "mean", "batchmean")))
                .alternative(Alternative.ofParams("reduction 'sum' instead of 'batchmean'",
                        "the sum over the batch, not divided by N", p -> swap(p, "batchmean", "sum")))
                .alternative(notDividedByN(KlDivergence::new))
                .build();
    }

    // ---- alternatives ----

    private static Alternative reductionSwap() {
        return Alternative.ofParams("reduction 'mean' and 'sum' swapped",
                "the loss and gradient of reduction 'sum' where the case says 'mean', or of 'mean' where it says 'sum'",
                p -> swap(p, "mean", "sum"));
    }

    private static Alternative notDividedByN(Supplier<Component> reference) {
        return Alternative.ofComponent("gradient not divided by N",
                "the loss is averaged but the gradient is that of the sum (the backward forgot the 1/N)",
                new GradientNotDividedByN(reference.get()));
    }

    private static Params swap(Params p, String a, String b) {
        String r = p.getChoice(Reduction.PARAM);
        return r.equals(a) ? p.with(Map.of(Reduction.PARAM, b)) : r.equals(b) ? p.with(Map.of(Reduction.PARAM, a)) : p;
    }

    private static double batchInsteadOfElements(Map<String, Tensor> inputs, Params p) {
        Tensor pred = inputs.get("pred");
        if (Reduction.of(p) == Reduction.SUM || pred == null || pred.rank() == 0 || pred.dim(0) == 0) {
            return 1;
        }
        return (double) pred.size() / pred.dim(0);
    }

    // ---- sample building blocks (public: the property tests reuse them) ----


    /** Row-wise log-softmax of a (N, C) tensor (max-subtracted). */
    public static Tensor logSoftmax(Tensor z) {
        int n = z.dim(0);
        int c = z.dim(1);
        double[] out = new double[n * c];
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                m = Math.max(m, z.at(i, j));
            }
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += Math.exp(z.at(i, j) - m);
            }
            double lse = m + Math.log(s);
            for (int j = 0; j < c; j++) {
                out[i * c + j] = z.at(i, j) - lse;
            }
        }
        return Tensor.wrap(new int[] {n, c}, out);
    }

    /**
     * N random probability distributions over C classes (rows sum to 1 up to rounding), each
     * entry exactly 0 with probability {@code zeroRate} (at least one entry of each row
     * positive).
     */
    public static Tensor distributions(SplittableRandom rnd, int n, int c, double zeroRate) {
        double[] d = new double[n * c];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            int keep = rnd.nextInt(c);
            for (int j = 0; j < c; j++) {
                double v = j != keep && rnd.nextDouble() < zeroRate ? 0 : Math.exp(2 * Samples.gaussian(rnd));
                d[i * c + j] = v;
                sum += v;
            }
            for (int j = 0; j < c; j++) {
                d[i * c + j] /= sum;
            }
        }
        return Tensor.wrap(new int[] {n, c}, d);
    }

    /** Targets for the binary cross-entropies: all hard 0/1 or all soft in [0, 1], at random. */
    public static Tensor binaryTargets(SplittableRandom rnd, int[] shape) {
        boolean hard = rnd.nextBoolean();
        double[] d = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = hard ? rnd.nextInt(2) : rnd.nextDouble();
        }
        return Tensor.wrap(shape, d);
    }

    /**
     * Hinge scores (N, C) for the given labels with every term {@code s_j - s_y + margin}
     * ({@code j != y}) at least {@code kinkMargin} away from 0, so that finite differences with
     * steps below the margin never cross a kink; both active and inactive terms occur.
     */
    public static Tensor hingeScores(SplittableRandom rnd, Tensor labels, int c, double margin, double kinkMargin) {
        int n = labels.size();
        double[] s = new double[n * c];
        for (int i = 0; i < n; i++) {
            int y = (int) labels.get(i);
            double sy = 2 * Samples.gaussian(rnd);
            s[i * c + y] = sy;
            for (int j = 0; j < c; j++) {
                if (j == y) {
                    continue;
                }
                double v;
                do {
                    v = sy - margin + 2 * Samples.gaussian(rnd);
                } while (Math.abs(v - sy + margin) < kinkMargin);
                s[i * c + j] = v;
            }
        }
        return Tensor.wrap(new int[] {n, c}, s);
    }
}
