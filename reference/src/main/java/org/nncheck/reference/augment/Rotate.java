package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code rotate}: rotation by {@code degrees} COUNTER-CLOCKWISE as displayed (row 0 at the
 * top), about the image centre {@code (cy, cx) = ((H - 1)/2, (W - 1)/2)} (pixel centres at
 * integer coordinates), output of the same size, as torchvision's {@code F.rotate(img, angle)}
 * ("counter-clockwise"; grid_sample with {@code align_corners=False}).
 *
 * <p>Inverse mapping: output pixel {@code (i, j)} samples the input at
 * <pre>
 *   sx = cx + (j - cx) cos t - (i - cy) sin t
 *   sy = cy + (j - cx) sin t + (i - cy) cos t      (t = degrees * pi / 180)
 * </pre>
 * so that 90 degrees on a square image is {@code y[i, j] = x[j, W - 1 - i]}
 * ({@code np.rot90(x, 1)}). For multiples of 90 degrees cos and sin are taken exactly (0, +-1).
 *
 * <p>{@code interpolation}: {@code "nearest"} (default, torchvision's default) reads
 * {@code x[rint(sy), rint(sx)]} (round half to even, as grid_sample's nearbyint), {@code fill}
 * when that is outside; {@code "bilinear"} weights the four neighbours
 * {@code floor(s), floor(s) + 1} by the usual bilinear weights, each neighbour outside the image
 * counting as {@code fill}. With the default fill (0) this is torchvision's result with
 * {@code fill=None} (grid_sample, zeros padding). When a fill is passed explicitly, torchvision
 * 0.14 also samples a mask {@code m} (the sum of the in-image weights) and returns
 * {@code v m + (1 - m) fill} where {@code v} is the zero-padded sample, so border pixels are
 * weighted by {@code m} twice; that is not followed (it is not an interpolation of the
 * fill-padded image), but is available as the variant {@code Rotate(true)}, tried as a
 * documented alternative.
 */
public final class Rotate implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "rotate";

    private final boolean torchvisionFillBlend;

    /** The reference (an interpolation of the image padded with fill). */
    public Rotate() {
        this(false);
    }

    /** A variant: {@code torchvisionFillBlend} uses torchvision's mask blending for bilinear. */
    public Rotate(boolean torchvisionFillBlend) {
        this.torchvisionFillBlend = torchvisionFillBlend;
    }

    /** The interpolation parameter, parsed. */
    enum Interpolation {
        NEAREST, BILINEAR;

        static Interpolation of(Params p) {
            return p.getChoice("interpolation").equals("bilinear") ? BILINEAR : NEAREST;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Planes g = Planes.of(id(), x);
        double degrees = params.getDouble("degrees");
        Interpolation mode = Interpolation.of(params);
        double fill = params.getDouble("fill");
        double[] cs = cosSin(degrees);
        double cos = cs[0];
        double sin = cs[1];
        int h = g.h();
        int w = g.w();
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        double[] a = x.toArray();
        double[] y = new double[a.length];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double sx = cx + (j - cx) * cos - (i - cy) * sin;
                double sy = cy + (j - cx) * sin + (i - cy) * cos;
                for (int p = 0; p < g.planes(); p++) {
                    int base = p * h * w;
                    double v;
                    if (mode == Interpolation.NEAREST) {
                        v = pixel(a, base, h, w, (long) Math.rint(sy), (long) Math.rint(sx), fill);
                    } else {
                        double fy = Math.floor(sy);
                        double fx = Math.floor(sx);
                        double ly = sy - fy;
                        double lx = sx - fx;
                        long y0 = (long) fy;
                        long x0 = (long) fx;
                        if (torchvisionFillBlend) {
                            double zero = (1 - ly) * ((1 - lx) * pixel(a, base, h, w, y0, x0, 0) + lx * pixel(a, base, h, w, y0, x0 + 1, 0))
                                    + ly * ((1 - lx) * pixel(a, base, h, w, y0 + 1, x0, 0) + lx * pixel(a, base, h, w, y0 + 1, x0 + 1, 0));
                            double m = (1 - ly) * ((1 - lx) * inside(h, w, y0, x0) + lx * inside(h, w, y0, x0 + 1))
                                    + ly * ((1 - lx) * inside(h, w, y0 + 1, x0) + lx * inside(h, w, y0 + 1, x0 + 1));
                            v = zero * m + (1 - m) * fill;
                        } else {
                            v = (1 - ly) * ((1 - lx) * pixel(a, base, h, w, y0, x0, fill) + lx * pixel(a, base, h, w, y0, x0 + 1, fill))
                                    + ly * ((1 - lx) * pixel(a, base, h, w, y0 + 1, x0, fill) + lx * pixel(a, base, h, w, y0 + 1, x0 + 1, fill));
                        }
                    }
                    y[base + i * w + j] = v;
                }
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), y));
    }

    private static double inside(int h, int w, long i, long j) {
        return i >= 0 && i < h && j >= 0 && j < w ? 1.0 : 0.0;
    }

    private static double pixel(double[] a, int base, int h, int w, long i, long j, double fill) {
        return i >= 0 && i < h && j >= 0 && j < w ? a[base + (int) i * w + (int) j] : fill;
    }

    /** cos and sin of an angle in degrees, exact at multiples of 90. */
    static double[] cosSin(double degrees) {
        double r = degrees % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        if (r == 0) {
            return new double[] {1, 0};
        }
        if (r == 90) {
            return new double[] {0, 1};
        }
        if (r == 180) {
            return new double[] {-1, 0};
        }
        if (r == 270) {
            return new double[] {0, -1};
        }
        double t = Math.toRadians(degrees);
        return new double[] {Math.cos(t), Math.sin(t)};
    }
}
