package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code contrast}: {@code y = clamp(factor * x + (1 - factor) * m, 0, 1)}, torchvision's
 * {@code F.adjust_contrast(img, contrast_factor)} on a float image: {@code m} is, per image,
 * the mean of its grayscale version over all pixels: for C = 3 the ITU-R 601-2 luma
 * {@code 0.2989 R + 0.587 G + 0.114 B} (torchvision's {@code rgb_to_grayscale}), for any other
 * C the mean over all channels and pixels (torchvision accepts only C = 1 or 3; C = 1 agrees).
 * {@code factor >= 0} (0 gives a uniform gray image, 1 the image). Input (N, C, H, W) or
 * (C, H, W) (an image is the last three axes). Variants without clamping or without the luma
 * weights are documented alternatives.
 */
public final class Contrast implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "contrast";

    private final boolean clamp;
    private final boolean luma;

    /** The reference (torchvision). */
    public Contrast() {
        this(true, true);
    }

    /** Variants: no clamp; plain channel mean instead of luma for C = 3. */
    public Contrast(boolean clamp, boolean luma) {
        this.clamp = clamp;
        this.luma = luma;
    }

    static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        if (x.rank() < 3) {
            Inputs.requireRank(id(), "x", x, 3);
        }
        double f = params.getDouble("factor");
        int c = x.dim(-3);
        int hw = x.dim(-2) * x.dim(-1);
        int imageSize = c * hw;
        double[] a = x.toArray();
        int images = imageSize == 0 ? 0 : a.length / imageSize;
        for (int n = 0; n < images; n++) {
            int base = n * imageSize;
            double m;
            if (c == 3 && luma && hw > 0) {
                double s = 0;
                for (int k = 0; k < hw; k++) {
                    s += 0.2989 * a[base + k] + 0.587 * a[base + hw + k] + 0.114 * a[base + 2 * hw + k];
                }
                m = s / hw;
            } else {
                double s = 0;
                for (int k = 0; k < imageSize; k++) {
                    s += a[base + k];
                }
                m = s / imageSize;
            }
            for (int k = 0; k < imageSize; k++) {
                double v = f * a[base + k] + (1 - f) * m;
                a[base + k] = clamp ? clamp01(v) : v;
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), a));
    }
}
