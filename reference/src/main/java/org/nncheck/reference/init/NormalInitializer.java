package org.nncheck.reference.init;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * An initializer with independent {@code N(mean, std^2)} elements; subclasses give the mean
 * and the standard deviation for a shape. Sampling: Box-Muller on the given
 * {@link SplittableRandom} ({@link Samples#gaussian}).
 */
public abstract class NormalInitializer implements Initializer {

    /** The mean for this shape (0 for every SPEC initializer except {@code normal}). */
    protected double mean(int[] shape, Params params) {
        return 0.0;
    }

    /** The standard deviation for this shape (&gt;= 0; 0 gives the point mass at the mean, as PyTorch's {@code normal_(mean, 0)}). */
    protected abstract double std(int[] shape, Params params);

    @Override
    public Tensor sample(int[] shape, Params params, SplittableRandom rnd) {
        double mu = mean(shape, params);
        double sigma = std(shape, params);
        return Samples.normal(rnd, mu, sigma, shape);
    }

    @Override
    public RealDistribution distribution(int[] shape, Params params) {
        double sigma = std(shape, params);
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new ContractException(id() + ": the standard deviation for shape " + java.util.Arrays.toString(shape) + " is " + sigma
                    + " (check the parameters: " + params + ")");
        }
        if (sigma == 0) {
            return new org.apache.commons.math3.distribution.ConstantRealDistribution(mean(shape, params));
        }
        // inverse-CDF accuracy is irrelevant here; the default is kept
        return new NormalDistribution(null, mean(shape, params), std(shape, params),
                NormalDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY);
    }
}
