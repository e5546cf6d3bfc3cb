package org.nncheck.reference.init;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * An initializer with independent {@code U(low, high)} elements; subclasses give the bounds
 * for a shape. Sampling: {@code low + (high - low) * u}, {@code u} from
 * {@link SplittableRandom#nextDouble()} in [0, 1).
 */
public abstract class UniformInitializer implements Initializer {

    /** The bounds {@code {low, high}}, {@code low <= high} ({@code low == high} is the point mass there, as PyTorch's {@code uniform_(a, a)}). */
    protected abstract double[] bounds(int[] shape, Params params);

    private double[] checkedBounds(int[] shape, Params params) {
        double[] b = bounds(shape, params);
        if (!(b[0] <= b[1]) || Double.isInfinite(b[0]) || Double.isInfinite(b[1])) {
            throw new ContractException(id() + ": needs finite bounds low <= high, got low = " + b[0] + ", high = " + b[1]
                    + " from the parameters " + params + " and shape " + java.util.Arrays.toString(shape));
        }
        return b;
    }

    @Override
    public Tensor sample(int[] shape, Params params, SplittableRandom rnd) {
        double[] b = checkedBounds(shape, params);
        double[] d = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[0] + (b[1] - b[0]) * rnd.nextDouble();
        }
        return Tensor.wrap(shape, d);
    }

    @Override
    public RealDistribution distribution(int[] shape, Params params) {
        double[] b = checkedBounds(shape, params);
        if (b[0] == b[1]) {
            return new org.apache.commons.math3.distribution.ConstantRealDistribution(b[0]);
        }
        return new UniformRealDistribution(null, b[0], b[1]);
    }
}
