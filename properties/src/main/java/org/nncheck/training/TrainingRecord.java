package org.nncheck.training;

import java.util.Map;

/**
 * One record of a training log (SPEC section 4.2): what a framework logged at one step. A
 * {@code null} field means "not logged at this record"; NaN and infinities are logged values
 * (to be diagnosed, never input errors).
 *
 * @param line the 1-based line of the log this record came from (0 when built in memory)
 * @param step the optimizer step, or {@code null} when the log has none (then {@code epoch} orders)
 * @param epoch the epoch, or {@code null}
 * @param loss training loss
 * @param valLoss validation loss
 * @param trainAcc training accuracy in [0, 1]
 * @param valAcc validation accuracy in [0, 1]
 * @param lr learning rate
 * @param layers per-layer statistics, layer name to statistic name ({@code grad_norm},
 *     {@code weight_norm}, {@code update_norm}, {@code act_mean}, {@code act_std},
 *     {@code dead_fraction}, {@code saturated_fraction}) to value; layers in forward order
 *     (input side first); empty when not logged
 */
public record TrainingRecord(long line, Long step, Double epoch, Double loss, Double valLoss, Double trainAcc,
                             Double valAcc, Double lr, Map<String, Map<String, Double>> layers) {
}
