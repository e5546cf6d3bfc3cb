package org.nncheck.reference.loss;

import java.math.BigDecimal;
import java.util.Map;
import org.nncheck.catalogue.Oracle;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.oracle.BigOracle;

/**
 * The cross-entropies' 50-digit oracles ({@link BigOracle}): every difference of logits is
 * exact in BigDecimal and log1p of a tiny sum keeps its digits. No ulp claim: their accuracy
 * property bounds the error by backward stability instead ({@code LossAccuracyProperties}).
 */
final class LossOracles {
    private LossOracles() {
    }

    /** softmax_cross_entropy with integer labels and no label smoothing (the oracle covers no targets). */
    static Oracle softmaxCrossEntropy() {
        return Oracle.of((in, p) -> {
            Tensor z = in.get("logits");
            Tensor labels = in.get("labels");
            if (z == null || labels == null || z.rank() != 2 || p.getDouble(SoftmaxCrossEntropy.LABEL_SMOOTHING) != 0) {
                throw new ContractException("the " + SoftmaxCrossEntropy.ID
                        + " oracle covers logits (N, C) with labels and label_smoothing 0, got " + in.keySet());
            }
            int n = z.dim(0);
            int c = z.dim(1);
            double[] all = z.toArray();
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                double[] row = java.util.Arrays.copyOfRange(all, i * c, (i + 1) * c);
                sum = sum.add(BigOracle.crossEntropy(row, (int) labels.get(i)), Oracle.DIGITS);
            }
            return Map.of(LossSupport.LOSS, new BigDecimal[] {reduce(sum, n, p)});
        });
    }

    /** binary_cross_entropy_with_logits: sum of t softplus(-x) + (1 - t) softplus(x). */
    static Oracle bceWithLogits() {
        return Oracle.of((in, p) -> {
            Tensor x = in.get("logits");
            Tensor t = in.get("targets");
            if (x == null || t == null || x.size() != t.size()) {
                throw new ContractException("the " + BinaryCrossEntropyWithLogits.ID
                        + " oracle covers logits and targets of one size, got " + in.keySet());
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < x.size(); i++) {
                BigDecimal bx = new BigDecimal(x.get(i));
                BigDecimal bt = new BigDecimal(t.get(i));
                sum = sum.add(bt.multiply(BigOracle.softplus(bx.negate()), Oracle.DIGITS)
                        .add(BigDecimal.ONE.subtract(bt).multiply(BigOracle.softplus(bx), Oracle.DIGITS), Oracle.DIGITS), Oracle.DIGITS);
            }
            return Map.of(LossSupport.LOSS, new BigDecimal[] {reduce(sum, x.size(), p)});
        });
    }

    private static BigDecimal reduce(BigDecimal sum, int count, Params p) {
        return Reduction.of(p) == Reduction.SUM ? sum : sum.divide(BigDecimal.valueOf(count), Oracle.DIGITS);
    }
}
