package org.nncheck.training;

/**
 * What a training log says about the run (SPEC section 4.2, the JSONL first line or command-line
 * options, which win). {@code null} means unknown.
 *
 * @param numClasses classes of the classification loss (expected initial loss ln C)
 * @param loss the loss id ({@code softmax_cross_entropy} when unknown)
 * @param batchSize minibatch size
 * @param trainSize training-set size
 * @param framework free text
 */
public record LogMeta(Integer numClasses, String loss, Integer batchSize, Integer trainSize, String framework) {

    /** Nothing known. */
    public static final LogMeta UNKNOWN = new LogMeta(null, null, null, null, null);
}
