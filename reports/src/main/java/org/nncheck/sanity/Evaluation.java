package org.nncheck.sanity;

import java.util.Map;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The data loss (softmax cross-entropy by the catalogue component, without regularization) and
 * the accuracy (argmax of the logits equals the label; ties go to the first index) of a net on
 * the first {@code limit} images of a set, in chunks so that memory stays small.
 *
 * @param loss mean cross-entropy
 * @param accuracy fraction classified correctly
 * @param count images evaluated
 */
public record Evaluation(double loss, double accuracy, int count) {
    private static final int CHUNK = 1000;

    /** Evaluates {@code net} on the first {@code min(limit, data.size())} images. */
    public static Evaluation of(Mlp net, LabelledImages data, InputScaling scaling, int limit) {
        int n = Math.min(limit, data.size());
        Component loss = Catalogue.get("softmax_cross_entropy").orElseThrow().newReference();
        Params p = Catalogue.get("softmax_cross_entropy").orElseThrow().params(Map.of("reduction", "sum"));
        double total = 0;
        int correct = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Tensor logits = net.logits(scaling.batch(data, idx));
            Tensor labels = InputScaling.labels(data, idx);
            total += loss.forward(Map.of("logits", logits, "labels", labels), p).get("loss").item();
            int c = logits.dim(1);
            for (int i = 0; i < idx.length; i++) {
                int best = 0;
                for (int j = 1; j < c; j++) {
                    if (logits.get(i * c + j) > logits.get(i * c + best)) {
                        best = j;
                    }
                }
                correct += best == (int) labels.get(i) ? 1 : 0;
            }
        }
        return new Evaluation(total / n, (double) correct / n, n);
    }
}
