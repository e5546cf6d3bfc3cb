package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code gaussian_noise}: {@code y = x + noise}, the noise drawn by the caller and given as the
 * input {@code noise} of the shape of {@code x} (SPEC.md: randomness is passed in, so the
 * output is deterministic). No clamping.
 */
public final class GaussianNoise implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "gaussian_noise";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Tensor noise = Inputs.require(id(), inputs, "noise");
        Inputs.requireSameShape(id(), "x", x, "noise", noise);
        double[] y = x.toArray();
        for (int i = 0; i < y.length; i++) {
            y[i] += noise.get(i);
        }
        return Map.of("y", Tensor.wrap(x.shape(), y));
    }
}
