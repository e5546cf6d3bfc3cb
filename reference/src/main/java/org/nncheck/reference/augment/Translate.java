package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code translate}: {@code y[..., i, j] = x[..., i - dy, j - dx]} where that index is inside
 * the image, {@code fill} (default 0) elsewhere (SPEC.md): positive {@code dx} moves the
 * content right, positive {@code dy} moves it down (as torchvision's {@code F.affine} with
 * {@code translate=[dx, dy]}). {@code dx}, {@code dy} are integers of any sign. Output of the
 * shape of {@code x}.
 */
public final class Translate implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "translate";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Planes g = Planes.of(id(), x);
        long dx = params.getLong("dx");
        long dy = params.getLong("dy");
        double fill = params.getDouble("fill");
        double[] a = x.toArray();
        double[] y = new double[a.length];
        for (int p = 0; p < g.planes(); p++) {
            for (int i = 0; i < g.h(); i++) {
                long si = i - dy;
                for (int j = 0; j < g.w(); j++) {
                    long sj = j - dx;
                    boolean inside = si >= 0 && si < g.h() && sj >= 0 && sj < g.w();
                    y[(p * g.h() + i) * g.w() + j] = inside ? a[(int) ((p * g.h() + si) * g.w() + sj)] : fill;
                }
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), y));
    }
}
