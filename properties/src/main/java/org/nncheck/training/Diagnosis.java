package org.nncheck.training;

import java.util.Map;

/**
 * One problem diagnosed in a training log (SPEC section 4.2).
 *
 * @param id the SPEC diagnosis id ({@code nan_or_inf}, {@code diverging}, {@code lr_too_low},
 *     {@code initial_loss_off}, {@code oscillating}, {@code plateau_at_start},
 *     {@code vanishing_gradients}, {@code exploding_gradients}, {@code dying_relu},
 *     {@code saturation}, {@code update_ratio_high}, {@code update_ratio_low},
 *     {@code overfitting}, {@code underfitting})
 * @param step the step (or epoch, when the log has no steps) where it shows, or {@code null}
 * @param layer the layer where it shows, or {@code null}
 * @param evidence the numbers behind it, by name
 * @param advice the lectures' advice
 */
public record Diagnosis(String id, Long step, String layer, Map<String, Double> evidence, String advice) {
}
