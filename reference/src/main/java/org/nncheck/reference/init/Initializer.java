package org.nncheck.reference.init;

import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.RealDistribution;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * A weight initializer (SPEC.md section 1, "Initializers"): a probability distribution over
 * the elements of a weight tensor, which may depend on the tensor's shape through
 * {@code fan_in}/{@code fan_out} ({@link Fans}).
 *
 * <p>An implementation under test is checked statistically: it draws a sample {@code w}, and
 * the checker tests that the sample is compatible with {@link #distribution(int[], Params)}
 * (module {@code properties}, {@code org.nncheck.stats.InitializerVerification}).
 *
 * <p>Component view: {@link #forward(Map, Params)} takes the sample {@code w} (only its shape
 * is used) and returns the exact moments of the distribution for that shape, as scalars:
 * {@code mean} and {@code std}. This is deterministic, so generic checks (cases, OpenCL
 * cross-check) can compare it; there is no backward (nothing differentiable).
 */
public interface Initializer extends Component {

    /**
     * Draws a tensor of the given shape with independent elements from
     * {@link #distribution(int[], Params)}, using only {@code rnd} (reproducible from its seed).
     */
    Tensor sample(int[] shape, Params params, SplittableRandom rnd);

    /**
     * The distribution of every element of a tensor of this shape; a point mass
     * ({@link org.apache.commons.math3.distribution.ConstantRealDistribution}) for
     * {@code zeros}/{@code constant}.
     *
     * @throws org.nncheck.core.ContractException when the shape does not determine a fan the
     *     distribution needs and no override is given, or parameters are inconsistent
     */
    RealDistribution distribution(int[] shape, Params params);

    /** Returns {@code mean} and {@code std} (scalars) of {@link #distribution} for {@code w}'s shape. */
    @Override
    default Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor w = Inputs.require(id(), inputs, "w");
        RealDistribution d = distribution(w.shape(), params);
        return Map.of("mean", Tensor.scalar(d.getNumericalMean()),
                "std", Tensor.scalar(Math.sqrt(d.getNumericalVariance())));
    }
}
