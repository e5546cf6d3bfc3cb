package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code hflip}: mirror left-right, {@code y[..., i, j] = x[..., i, W - 1 - j]} (torchvision
 * {@code F.hflip}, {@code torch.flip(x, [-1])}). Input {@code x} (N, C, H, W) or (C, H, W);
 * output of the same shape. An involution.
 */
public final class HFlip implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "hflip";


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
                int row = (p * g.h() + i) * g.w();
                for (int j = 0; j < g.w(); j++) {
                    y[row + j] = a[row + g.w() - 1 - j];
                }
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), y));
    }
}
