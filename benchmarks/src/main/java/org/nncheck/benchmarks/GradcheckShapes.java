package org.nncheck.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The shapes of issue 13's table, the same as {@code torch_gradcheck.py} builds: every input
 * tensor is checked, inputs N(0, 1) from a fixed seed, float64.
 */
public enum GradcheckShapes {
    /** affine 16x64 @ 64x32: x (16, 64), w (64, 32), b (32); 3,104 inputs. */
    AFFINE_16x64x32("affine", Map.of()),
    /** affine 64x256 @ 256x128; 49,280 inputs. */
    AFFINE_64x256x128("affine", Map.of()),
    /** conv2d x (2, 3, 8, 8) * w (4, 3, 3, 3) + b (4), stride 1, pad 1; 496 inputs. */
    CONV_2x3x8x8_4x3x3x3("conv2d", Map.of("stride", 1, "pad", 1)),
    /** batch norm (training) x (32, 64), gamma (64), beta (64); 2,176 inputs. */
    BATCH_NORM_32x64("batch_norm", Map.of());

    private final String id;
    private final Map<String, Object> rawParams;

    GradcheckShapes(String id, Map<String, Object> rawParams) {
        this.id = id;
        this.rawParams = rawParams;
    }

    /** The catalogue entry. */
    public Entry entry() {
        return Catalogue.get(id).orElseThrow();
    }

    /** Validated parameters. */
    public Params params() {
        return entry().params(rawParams);
    }

    /** The inputs, seeded. */
    public Map<String, Tensor> inputs() {
        SplittableRandom r = new SplittableRandom(2026);
        return switch (this) {
            case AFFINE_16x64x32 -> Map.of("x", n(r, 16, 64), "w", n(r, 64, 32), "b", n(r, 32));
            case AFFINE_64x256x128 -> Map.of("x", n(r, 64, 256), "w", n(r, 256, 128), "b", n(r, 128));
            case CONV_2x3x8x8_4x3x3x3 -> Map.of("x", n(r, 2, 3, 8, 8), "w", n(r, 4, 3, 3, 3), "b", n(r, 4));
            case BATCH_NORM_32x64 -> Map.of("x", n(r, 32, 64), "gamma", n(r, 64), "beta", n(r, 64));
        };
    }

    /** The tensors checked: every differentiable input. */
    public List<String> checked() {
        return List.copyOf(inputs().keySet().stream().sorted().toList());
    }

    private static Tensor n(SplittableRandom r, int... shape) {
        return Samples.normal(r, 0, 1, shape);
    }
}
