package org.nncheck.reference.activation;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * An activation applied element by element: {@code y = f(x)}, {@code dx = dy * f'(x)}. Input
 * {@code x} of any shape (rank 0 included); output {@code y} and gradient {@code dx} of the same
 * shape. Subclasses give {@code f} and {@code f'} bound to the call's parameters
 * ({@link #bind(Params)}: parameters are read and parsed once per call, not per element).
 *
 * <p>Inputs are never modified (tensors are immutable; every output is a new tensor).
 *
 * <p><b>NaN and infinities.</b> {@code f(NaN) = NaN} for every activation. The branch of the
 * backward is selected with the same comparison as PyTorch's CPU kernel (e.g.
 * {@code x <= 0 ? 0 : dy} for relu), so for a NaN input {@code dx} is whatever that branch gives
 * (documented per class). Infinite inputs give the limits of {@code f} and {@code f'} where they
 * exist.
 */
public abstract class ElementwiseActivation implements Component {

    /** {@code f} and {@code f'} with the parameters of one call fixed. */
    public interface Scalar {
        /** f(x). */
        double value(double x);

        /** f'(x), the documented one-sided choice at a kink. */
        double derivative(double x);

        /** The gradient {@code dx} for upstream {@code dy}: {@code dy * f'(x)} unless overridden. */
        default double gradient(double x, double dy) {
            return dy * derivative(x);
        }
    }

    /** The scalar function for these (validated) parameters. */
    protected abstract Scalar bind(Params params);

    /**
     * An element-wise activation without parameters from its function and derivative: a
     * variant, an alternative convention or a new activation in one line, e.g.
     * {@code ElementwiseActivation.of("softsign", x -> x / (1 + Math.abs(x)), x -> 1 / Math.pow(1 + Math.abs(x), 2))}.
     *
     * @param id the catalogue id it implements
     * @param f the function
     * @param df its derivative (the documented one-sided choice at a kink)
     */
    public static ElementwiseActivation of(String id, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        Scalar scalar = new Scalar() {
            @Override
            public double value(double x) {
                return f.applyAsDouble(x);
            }

            @Override
            public double derivative(double x) {
                return df.applyAsDouble(x);
            }
        };
        return of(id, p -> scalar);
    }

    /** An element-wise activation whose function depends on the call's parameters. */
    public static ElementwiseActivation of(String id, Function<Params, Scalar> bind) {
        return new ElementwiseActivation() {
            @Override
            public String id() {
                return id;
            }

            @Override
            protected Scalar bind(Params params) {
                return bind.apply(params);
            }
        };
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Scalar f = bind(params);
        return Map.of("y", x.map(f::value));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Tensor dy = Inputs.upstream(id(), upstream, "dy", x);
        Scalar f = bind(params);
        double[] dx = new double[x.size()];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = f.gradient(x.get(i), dy.get(i));
        }
        return Map.of("dx", Tensor.wrap(x.shape(), dx));
    }
}
