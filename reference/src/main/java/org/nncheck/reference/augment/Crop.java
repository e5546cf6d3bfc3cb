package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code crop}: {@code y[..., i, j] = x[..., top + i, left + j]} for {@code 0 <= i < height},
 * {@code 0 <= j < width} (torchvision {@code F.crop(img, top, left, height, width)}). Every
 * parameter is a required integer and the window must lie inside the image (torchvision pads
 * a window that leaves the image; here that is a {@link ContractException}). Output
 * (..., height, width).
 */
public final class Crop implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "crop";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Planes g = Planes.of(id(), x);
        int top = params.getInt("top");
        int left = params.getInt("left");
        int hh = params.getInt("height");
        int ww = params.getInt("width");
        if ((long) top + hh > g.h() || (long) left + ww > g.w()) {
            throw new ContractException(id() + ": window top=" + top + ", left=" + left + ", height=" + hh + ", width=" + ww
                    + " does not fit in tensor 'x' of shape " + x.shapeString());
        }
        double[] a = x.toArray();
        double[] y = new double[g.planes() * hh * ww];
        for (int p = 0; p < g.planes(); p++) {
            for (int i = 0; i < hh; i++) {
                System.arraycopy(a, (p * g.h() + top + i) * g.w() + left, y, (p * hh + i) * ww, ww);
            }
        }
        return Map.of("y", Tensor.wrap(Planes.withHw(x, hh, ww), y));
    }
}
