package org.nncheck.catalogue;

/**
 * One named input tensor of a component.
 *
 * @param name the name as in SPEC.md ({@code x}, {@code labels}, {@code running_mean})
 * @param integral whether the tensor holds integers (labels, steps): not differentiated
 * @param optional whether a case may leave it out ({@code lr} of an optimizer, {@code targets}
 *     as the alternative to {@code labels})
 * @param differentiable whether the component has a gradient {@code d<name>} for it
 */
public record TensorSpec(String name, boolean integral, boolean optional, boolean differentiable) {

    /** A required floating-point input with a gradient. */
    public static TensorSpec diff(String name) {
        return new TensorSpec(name, false, false, true);
    }

    /** A required floating-point input without a gradient (a mask, running statistics). */
    public static TensorSpec data(String name) {
        return new TensorSpec(name, false, false, false);
    }

    /** A required integer input (labels, steps). */
    public static TensorSpec integers(String name) {
        return new TensorSpec(name, true, false, false);
    }

    /** The same tensor, optional. */
    public TensorSpec asOptional() {
        return new TensorSpec(name, integral, true, differentiable);
    }

    /** Name of its gradient, {@code d<name>}. */
    public String gradientName() {
        return "d" + name;
    }
}
