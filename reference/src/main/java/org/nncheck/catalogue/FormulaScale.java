package org.nncheck.catalogue;

import java.util.Map;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The forward-error scale of a gradient whose formula cancels internally (an implementation can
 * be accurate without being backward stable there): per element, {@code sum |t_i|} of the terms
 * {@code t_i} the formula adds. Evaluating a sum in floating point errs by at most
 * {@code c u sum |t_i|} (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
 * sections 3.1 and 4.2), so a cross-check adds {@code c u} times this to its tolerance.
 */
@FunctionalInterface
public interface FormulaScale {

    /**
     * @param inputs the inputs
     * @param upstream the upstream gradients
     * @param params the validated parameters
     * @return {@code sum |t_i|} per element of the gradient, or {@code null} where the formula
     *     does not cancel for these parameters (e.g. batch_norm at test time)
     */
    double[] terms(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params);
}
