package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code resize}: bilinear resampling to {@code (height, width)} with half-pixel centres, as
 * PyTorch's {@code F.interpolate(x, size=(height, width), mode="bilinear", align_corners=False,
 * antialias=False)} (upsample_bilinear2d): along each axis with {@code scale = in / out},
 * {@code src = max(0, (dst + 0.5) * scale - 0.5)}, {@code i0 = floor(src)},
 * {@code i1 = min(i0 + 1, in - 1)}, {@code l = src - i0}, value {@code (1 - l) x[i0] + l x[i1]}
 * (separably in H and W). No antialiasing when shrinking (so this is not PIL's resize).
 * Resizing to the same size is the identity.
 *
 * <p>{@code interpolation}: {@code "bilinear"} (the SPEC's); {@code "nearest"} is PyTorch's
 * legacy nearest ({@code src = min(floor(dst * scale), in - 1)}), an extension. Output
 * (..., height, width).
 */
public final class Resize implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "resize";

    private final boolean alignCorners;

    /** The SPEC computation (half-pixel centres). */
    public Resize() {
        this(false);
    }

    /** A variant: {@code alignCorners = true} maps corner pixel centres to corner pixel centres. */
    public Resize(boolean alignCorners) {
        this.alignCorners = alignCorners;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Source index pairs and weights along one axis. */
    private record Axis(int[] i0, int[] i1, double[] l) {
    }

    private Axis axis(int in, int out, boolean nearest) {
        int[] i0 = new int[out];
        int[] i1 = new int[out];
        double[] l = new double[out];
        double scale = (double) in / out;
        for (int d = 0; d < out; d++) {
            if (nearest) {
                i0[d] = Math.min((int) Math.floor(d * scale), in - 1);
                i1[d] = i0[d];
                continue;
            }
            double src;
            if (alignCorners) {
                src = out > 1 ? d * (double) (in - 1) / (out - 1) : 0;
            } else {
                src = Math.max(0, (d + 0.5) * scale - 0.5);
            }
            int f = (int) Math.floor(src);
            f = Math.min(f, in - 1);
            i0[d] = f;
            i1[d] = Math.min(f + 1, in - 1);
            l[d] = src - f;
        }
        return new Axis(i0, i1, l);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Planes g = Planes.of(id(), x);
        int oh = params.getInt("height");
        int ow = params.getInt("width");
        boolean nearest = params.getChoice("interpolation").equals("nearest");
        if (g.h() == 0 || g.w() == 0) {
            throw new org.nncheck.core.ContractException(id() + ": tensor 'x' has an empty image, shape " + x.shapeString());
        }
        Axis ay = axis(g.h(), oh, nearest);
        Axis ax = axis(g.w(), ow, nearest);
        double[] a = x.toArray();
        double[] y = new double[g.planes() * oh * ow];
        int w = g.w();
        for (int p = 0; p < g.planes(); p++) {
            int base = p * g.h() * w;
            for (int i = 0; i < oh; i++) {
                int r0 = base + ay.i0[i] * w;
                int r1 = base + ay.i1[i] * w;
                double ly = ay.l[i];
                for (int j = 0; j < ow; j++) {
                    double lx = ax.l[j];
                    double top = (1 - lx) * a[r0 + ax.i0[j]] + lx * a[r0 + ax.i1[j]];
                    double bottom = (1 - lx) * a[r1 + ax.i0[j]] + lx * a[r1 + ax.i1[j]];
                    y[(p * oh + i) * ow + j] = (1 - ly) * top + ly * bottom;
                }
            }
        }
        return Map.of("y", Tensor.wrap(Planes.withHw(x, oh, ow), y));
    }
}
