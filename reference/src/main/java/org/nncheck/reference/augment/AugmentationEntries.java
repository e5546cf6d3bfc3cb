package org.nncheck.reference.augment;

import org.nncheck.catalogue.Check;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Tensor;

/**
 * Catalogue entries of the data augmentation (SPEC.md section 1). Input {@code x}
 * (N, C, H, W) or (C, H, W) (the last two axes are the image), randomness passed as parameters
 * (or, for gaussian_noise, as the input {@code noise}); output {@code y}. The SPEC gives no
 * backward for augmentations, so the gradient check is skipped.
 */
public final class AugmentationEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public AugmentationEntries() {
    }

    private static final String NO_GRADIENT = "the SPEC defines no backward for data augmentation (a fixed transform of the data)";

    /** Why there is no OpenCL implementation (Check.GPU). */
    private static final String NO_KERNEL = "data augmentation is index remapping of input images done by the data loader, outside the "
            + "training step: no OpenCL kernel";

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        ParamSpec fill = ParamSpec.real("fill", 0.0, "value of pixels that come from outside the image");
        return List.of(
                entry(HFlip.ID, "y[..., i, j] = x[..., i, W-1-j]", HFlip::new)
                        .alternative(Alternative.ofComponent("vertical flip", "vflip done where hflip is asked", new VFlip()))
                        .build(),
                entry(VFlip.ID, "y[..., i, j] = x[..., H-1-i, j]", VFlip::new)
                        .alternative(Alternative.ofComponent("horizontal flip", "hflip done where vflip is asked", new HFlip()))
                        .build(),
                entry(Crop.ID, "y[..., i, j] = x[..., top+i, left+j], (height, width) window", Crop::new)
                        .params(ParamSpec.integer("top", null, 0, Integer.MAX_VALUE, "first row"),
                                ParamSpec.integer("left", null, 0, Integer.MAX_VALUE, "first column"),
                                ParamSpec.integer("height", null, 1, Integer.MAX_VALUE, "rows kept"),
                                ParamSpec.integer("width", null, 1, Integer.MAX_VALUE, "columns kept"))
                        .samples((rnd, p, size) -> Map.of("x", images(rnd, size,
                                p.getInt("top") + p.getInt("height"), p.getInt("left") + p.getInt("width"))))
                        .sampleParams(Map.of("top", 1, "left", 2, "height", 3, "width", 3))
                        .sampleParams(Map.of("top", 0, "left", 0, "height", 1, "width", 2))
                        .alternative(Alternative.ofParams("(top, left) read as (x, y)",
                                "rows and columns swapped: top <-> left and height <-> width",
                                p -> p.with(Map.of("top", p.getLong("left"), "left", p.getLong("top"),
                                        "height", p.getLong("width"), "width", p.getLong("height")))))
                        .build(),
                entry(Translate.ID, "y[..., i, j] = x[..., i-dy, j-dx], fill outside", Translate::new)
                        .params(ParamSpec.integer("dx", null, Integer.MIN_VALUE, Integer.MAX_VALUE, "shift right (columns)"),
                                ParamSpec.integer("dy", null, Integer.MIN_VALUE, Integer.MAX_VALUE, "shift down (rows)"), fill)
                        .sampleParams(Map.of("dx", 2, "dy", 1)).sampleParams(Map.of("dx", -1, "dy", 3, "fill", 0.5))
                        .sampleParams(Map.of("dx", 0, "dy", 0))
                        .alternative(Alternative.ofParams("translates the wrong way",
                                "y[i, j] = x[i + dy, j + dx]: content moved left/up for positive dx/dy",
                                p -> p.with(Map.of("dx", -p.getLong("dx"), "dy", -p.getLong("dy")))))
                        .alternative(Alternative.ofParams("dx and dy swapped", "dx applied to rows and dy to columns",
                                p -> p.with(Map.of("dx", p.getLong("dy"), "dy", p.getLong("dx")))))
                        .build(),
                entry(Rotate.ID, "counter-clockwise by degrees about the centre ((H-1)/2, (W-1)/2), nearest or bilinear", Rotate::new)
                        .params(ParamSpec.real("degrees", null, "angle, counter-clockwise"),
                                ParamSpec.choice("interpolation", "nearest", List.of("nearest", "bilinear"), "sampling"), fill)
                        .sampleParams(Map.of("degrees", 90.0)).sampleParams(Map.of("degrees", 30.0, "interpolation", "bilinear"))
                        .sampleParams(Map.of("degrees", -17.0, "interpolation", "nearest", "fill", 1.0))
                        .sampleParams(Map.of("degrees", 0.0, "interpolation", "bilinear"))
                        .alternative(Alternative.ofParams("rotation direction reversed (clockwise)", "rotates by -degrees",
                                p -> p.with(Map.of("degrees", -p.getDouble("degrees")))))
                        .alternative(Alternative.ofComponent("torchvision's explicit-fill blending",
                                "torchvision 0.14 with fill given: bilinear sample of the zero-padded image times the sampled mask m,"
                                        + " plus (1 - m) fill (border pixels darkened twice)", new Rotate(true)))
                        .alternative(Alternative.ofParams("the other interpolation", "nearest where bilinear is asked or the reverse",
                                p -> p.with(Map.of("interpolation", p.getChoice("interpolation").equals("nearest") ? "bilinear" : "nearest"))))
                        .build(),
                entry(Resize.ID, "bilinear to (height, width), half-pixel centres (F.interpolate align_corners=False)", Resize::new)
                        .params(ParamSpec.integer("height", null, 1, Integer.MAX_VALUE, "output rows"),
                                ParamSpec.integer("width", null, 1, Integer.MAX_VALUE, "output columns"),
                                ParamSpec.choice("interpolation", "bilinear", List.of("bilinear", "nearest"), "sampling"))
                        .sampleParams(Map.of("height", 7, "width", 4)).sampleParams(Map.of("height", 2, "width", 9))
                        .sampleParams(Map.of("height", 1, "width", 1)).sampleParams(Map.of("height", 5, "width", 3, "interpolation", "nearest"))
                        .alternative(Alternative.ofComponent("align_corners=True",
                                "corner pixel centres mapped to corner pixel centres: src = dst (in-1)/(out-1)", new Resize(true)))
                        .alternative(Alternative.ofParams("nearest instead of bilinear", "PyTorch's nearest: src = floor(dst in/out)",
                                p -> p.with(Map.of("interpolation", "nearest"))))
                        .build(),
                entry(GaussianNoise.ID, "y = x + noise (noise given as input)", GaussianNoise::new)
                        .inputs(TensorSpec.data("noise"))
                        .samples((rnd, p, size) -> {
                            Tensor x = images(rnd, size, 1, 1);
                            return Map.of("x", x, "noise", Samples.normal(rnd, 0, 0.1, x.shape()));
                        })
                        .build(),
                entry(Brightness.ID, "clamp(factor x, 0, 1) (torchvision adjust_brightness)", Brightness::new)
                        .params(ParamSpec.nonNegative("factor", null, "brightness factor (1 = unchanged)"))
                        .sampleParams(Map.of("factor", 0.5)).sampleParams(Map.of("factor", 1.5))
                        .alternative(Alternative.ofComponent("no clamping to [0, 1]", "y = factor x", new Brightness(false)))
                        .build(),
                entry(Contrast.ID, "clamp(factor x + (1-factor) mean(gray), 0, 1) (torchvision adjust_contrast)", Contrast::new)
                        .params(ParamSpec.nonNegative("factor", null, "contrast factor (1 = unchanged, 0 = gray)"))
                        .sampleParams(Map.of("factor", 0.5)).sampleParams(Map.of("factor", 1.8))
                        .alternative(Alternative.ofComponent("no clamping to [0, 1]", "y = factor x + (1 - factor) mean",
                                new Contrast(false, true)))
                        .alternative(Alternative.ofComponent("plain mean instead of luma",
                                "the mean over all channels rather than of the ITU-R 601-2 grayscale image", new Contrast(true, false)))
                        .build());
    }

    private static Entry.Builder entry(String id, String summary, java.util.function.Supplier<Component> reference) {
        return Entry.builder(id, Family.AUGMENTATION).summary(summary).inputs(TensorSpec.data("x")).outputs("y")
                .reference(reference)
                .samples((rnd, p, size) -> Map.of("x", images(rnd, size, 1, 1)))
                .skip(Check.GRADIENT, NO_GRADIENT)
                .skip(Check.GPU, NO_KERNEL);
    }

    /** Images in [0, 1), (N, C, H, W) or (C, H, W), at least minH x minW, odd and even sizes. */
    static Tensor images(SplittableRandom rnd, int size, int minH, int minW) {
        int h = Math.max(minH, Samples.dim(rnd, 1, 3 + 3 * size));
        int w = Math.max(minW, Samples.dim(rnd, 1, 3 + 3 * size));
        int c = rnd.nextBoolean() ? 3 : Samples.dim(rnd, 1, 2);
        if (rnd.nextInt(4) == 0) {
            return Samples.uniform(rnd, 0, 1, c, h, w);
        }
        return Samples.uniform(rnd, 0, 1, Samples.dim(rnd, 1, 1 + 2 * size), c, h, w);
    }
}
