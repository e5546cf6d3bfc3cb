package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code vflip}: mirror top-bottom, {@code y[..., i, j] = x[..., H - 1 - i, j]} (torchvision
 * {@code F.vflip}, {@code torch.flip(x, [-2])}). Input {@code x} (N, C, H, W) or (C, H, W);
 * output of the same shape. An involution.
 */
public final class VFlip implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "vflip";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Planes g = Planes.of(id(), x);
        double[] a = x.toArray();
        double[] y = new double[a.length];
        for (int p = 0; p < g.planes(); p++) {
            for (int i = 0; i < g.h(); i++) {
                System.arraycopy(a, (p * g.h() + g.h() - 1 - i) * g.w(), y, (p * g.h() + i) * g.w(), g.w());
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), y));
    }
}
