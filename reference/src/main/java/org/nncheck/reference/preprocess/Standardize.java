package org.nncheck.reference.preprocess;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code standardize}: {@code y = (x - mean) / (std + eps)}, per feature (each element of the
 * trailing dimensions) over the batch axis, {@code std} the population (biased, divide by N)
 * standard deviation as SPEC.md asks (CS231n's {@code X /= np.std(X, axis=0)}; NumPy's default
 * ddof = 0), {@code eps} (default 1e-8) added to the std, not to the variance. Input
 * {@code x} (N, ...), output {@code y} of the same shape. A constant feature gives 0.
 */
public final class Standardize implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "standardize";

    private final int ddof;
    private final boolean epsInsideSqrt;

    /** The SPEC computation. */
    public Standardize() {
        this(0, false);
    }

    /**
     * A variant for documented alternatives: {@code ddof = 1} divides the variance by N-1
     * (the sample std, PyTorch's {@code torch.std} default); {@code epsInsideSqrt} uses
     * {@code sqrt(var + eps)}.
     */
    public Standardize(int ddof, boolean epsInsideSqrt) {
        this.ddof = ddof;
        this.epsInsideSqrt = epsInsideSqrt;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        int n = BatchStats.rows(id(), x);
        double eps = params.getDouble("eps");
        double[] a = x.toArray();
        int f = a.length / n;
        double[] m = BatchStats.columnMeans(a, n, f);
        double[] v = BatchStats.columnVariances(a, n, f, m, n > ddof ? ddof : 0);
        double[] den = new double[f];
        for (int j = 0; j < f; j++) {
            den[j] = epsInsideSqrt ? Math.sqrt(v[j] + eps) : Math.sqrt(v[j]) + eps;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = a[i * f + j] - m[j];
                // a constant feature with eps = 0: 0 / 0 is taken as 0 (the centred value is exactly 0)
                a[i * f + j] = d == 0 && den[j] == 0 ? 0 : d / den[j];
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), a));
    }
}
