package org.nncheck.core;

import java.util.Map;

/**
 * One training component of the catalogue (an activation, loss, layer, optimizer, schedule,
 * transform...), the unit that nncheck checks. This interface is the contract a third-party
 * implementation fills in; the reference implementation fills it in too.
 *
 * <p>Tensors are named as in SPEC.md section 1: inputs such as {@code x}, {@code w},
 * {@code labels}; outputs such as {@code y}, {@code loss}; upstream gradients {@code d<output>}
 * (e.g. {@code dy}, {@code dloss}); input gradients {@code d<input>} (e.g. {@code dx},
 * {@code dalpha}).
 *
 * <p>Rules every implementation follows:
 * <ul>
 *   <li>Inputs are never modified ({@link Tensor} is immutable, so this holds by
 *       construction).</li>
 *   <li>Calls are independent: no state is carried from one call to the next (optimizer
 *       trajectories and running statistics are inputs and outputs).</li>
 *   <li>Invalid inputs (a missing tensor, a wrong shape, a label out of range) throw
 *       {@link ContractException} with a message naming the component and the tensor.</li>
 * </ul>
 */
public interface Component {

    /** The catalogue id, e.g. {@code "batch_norm"}. */
    String id();

    /**
     * Computes every output (SPEC section 1) of the component.
     *
     * @param inputs the input tensors by name; upstream gradients, if present, are ignored
     * @param params validated parameters (defaults filled in)
     * @return the outputs by name
     */
    Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params);

    /**
     * Gradients of the scalar objective {@code sum_o <o, d o>} with respect to every
     * floating-point input, given the upstream gradients {@code d<output>}.
     *
     * @param inputs the input tensors by name
     * @param upstream upstream gradients by name ({@code dy}, {@code dloss}...); a missing
     *     {@code dloss} of a loss means 1
     * @param params validated parameters
     * @return the gradients by name ({@code dx}, {@code dw}...)
     * @throws UnsupportedOperationException when the component is not differentiable
     *     (optimizers, schedules, transforms)
     */
    default Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        throw new UnsupportedOperationException(id() + " has no backward");
    }

    /**
     * Where the forward is not differentiable. The catalogue entry of the id states the kinks
     * ({@code Entry.kinks()}) and every checker reads them there; this method is only what a
     * checker uses for a component checked without an entry.
     *
     * @deprecated declare kinks on the catalogue entry; implementations need not override this
     */
    @Deprecated
    default Kinks kinks() {
        return Kinks.NONE;
    }
}
