package org.nncheck.reference.augment;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code brightness}: {@code y = clamp(factor * x, 0, 1)}, torchvision's
 * {@code F.adjust_brightness(img, brightness_factor)} on a float image (a blend with black,
 * clamped to the float image range [0, 1]); {@code factor >= 0}. The variant without clamping
 * is a documented alternative. Output of the shape of {@code x}.
 */
public final class Brightness implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "brightness";

    private final boolean clamp;

    /** The reference (clamped to [0, 1]). */
    public Brightness() {
        this(true);
    }

    /** A variant: {@code clamp = false} returns {@code factor * x}. */
    public Brightness(boolean clamp) {
        this.clamp = clamp;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        double f = params.getDouble("factor");
        return Map.of("y", x.map(v -> clamp ? Contrast.clamp01(f * v) : f * v));
    }
}
