package org.nncheck.reference.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Examples of the augmentations, with the convention each one follows. */
class AugmentationTest {

    private static double[] run(String id, Map<String, Object> raw, Tensor x) {
        Entry e = Catalogue.get(id).orElseThrow();
        return e.newReference().forward(Map.of("x", x), e.params(raw)).get("y").toArray();
    }

    private static Tensor img(int h, int w, double... v) {
        return Tensor.of(new int[] {1, h, w}, v);
    }

    @Test
    void flipsAndCrop() {
        Tensor x = img(2, 3, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {3, 2, 1, 6, 5, 4}, run("hflip", Map.of(), x), 0);
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3}, run("vflip", Map.of(), x), 0);
        assertArrayEquals(new double[] {5, 6}, run("crop", Map.of("top", 1, "left", 1, "height", 1, "width", 2), x), 0);
        ContractException ex = assertThrows(ContractException.class,
                () -> run("crop", Map.of("top", 1, "left", 2, "height", 2, "width", 2), x));
        assertTrue(ex.getMessage().contains("crop") && ex.getMessage().contains("[1, 2, 3]"), ex.getMessage());
    }

    @Test
    void translateMovesContentRightAndDown() {
        // SPEC: y[i, j] = x[i - dy, j - dx]
        Tensor x = img(2, 3, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new double[] {0, 1, 2, 0, 4, 5}, run("translate", Map.of("dx", 1, "dy", 0), x), 0);
        assertArrayEquals(new double[] {9, 9, 9, 1, 2, 3}, run("translate", Map.of("dx", 0, "dy", 1, "fill", 9.0), x), 0);
        assertArrayEquals(new double[] {3, 0, 0, 6, 0, 0}, run("translate", Map.of("dx", -2, "dy", 0), x), 0);
    }

    @Test
    void rotateIsCounterClockwise() {
        // np.rot90([[1,2],[3,4]]) = [[2,4],[1,3]] (counter-clockwise, torchvision's direction)
        assertArrayEquals(new double[] {2, 4, 1, 3}, run("rotate", Map.of("degrees", 90.0), img(2, 2, 1, 2, 3, 4)), 0);
        // 180 degrees about the centre of a 2x3 image reverses it
        assertArrayEquals(new double[] {6, 5, 4, 3, 2, 1}, run("rotate", Map.of("degrees", 180.0), img(2, 3, 1, 2, 3, 4, 5, 6)), 0);
        // bilinear 45 degrees of a constant 3x3 image, fill 0: corner (0,0) samples
        // (sy, sx) = (1 - sqrt2, 1): weight 2 - sqrt2 on row 0, the rest on the fill row -1;
        // the centre is fixed
        double[] y = run("rotate", Map.of("degrees", 45.0, "interpolation", "bilinear"), Tensor.filled(1.0, 1, 3, 3));
        assertArrayEquals(new double[] {2 - Math.sqrt(2), 1}, new double[] {y[0], y[4]}, 1e-15);
        // torchvision's explicit-fill variant weights the border by the mask m = 2 - sqrt2 once more
        double[] tv = new Rotate(true).forward(Map.of("x", Tensor.filled(1.0, 1, 3, 3)),
                Catalogue.get("rotate").orElseThrow().params(Map.of("degrees", 45.0, "interpolation", "bilinear"))).get("y").toArray();
        assertArrayEquals(new double[] {(2 - Math.sqrt(2)) * (2 - Math.sqrt(2)), 1}, new double[] {tv[0], tv[4]}, 1e-15);
    }

    @Test
    void rotateAgreesWithScipy() {
        // independent oracle: scipy 1.17 ndimage.rotate(np.arange(12.).reshape(3, 4), 30, reshape=False,
        // order=1 / order=0, mode="grid-constant", cval=0) (counter-clockwise about ((H-1)/2, (W-1)/2))
        Tensor x = img(3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertArrayEquals(new double[] {0.26915156033530024, 1.3851769641197391, 3.968911086754465, 4.58141571295791,
            1.2009618943233424, 4.066987298107781, 6.93301270189222, 9.799038105676658, 3.129165124598852, 7.0310889132455365,
            8.338543594251433, 3.9545689980358776}, run("rotate", Map.of("degrees", 30.0, "interpolation", "bilinear"), x), 1e-13);
        assertArrayEquals(new double[] {0, 2, 2, 7, 0, 5, 6, 11, 4, 9, 9, 0}, run("rotate", Map.of("degrees", 30.0), x), 0);
    }

    @Test
    void resizeFollowsPytorchHalfPixelBilinear() {
        // F.interpolate([[[[0., 1.]]]], size=(1, 4), mode="bilinear", align_corners=False)
        // = [0, 0.25, 0.75, 1]: src = (d + 0.5) * 2/4 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25
        assertArrayEquals(new double[] {0, 0.25, 0.75, 1}, run("resize", Map.of("height", 1, "width", 4), img(1, 2, 0, 1)), 1e-15);
        // shrinking without antialias: src = (d + 0.5) * 2 - 0.5 = 0.5, 2.5
        assertArrayEquals(new double[] {0.5, 2.5}, run("resize", Map.of("height", 1, "width", 2), img(1, 4, 0, 1, 2, 3)), 1e-15);
        // the align_corners=True alternative: src = d * (2 - 1)/(4 - 1)
        double[] ac = new Resize(true).forward(Map.of("x", img(1, 2, 0, 1)),
                Catalogue.get("resize").orElseThrow().params(Map.of("height", 1, "width", 4))).get("y").toArray();
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 1}, ac, 1e-15);
    }

    @Test
    void photometricTransformsFollowTorchvision() {
        // adjust_brightness: clamp(f x, 0, 1)
        assertArrayEquals(new double[] {0.6, 1.0}, run("brightness", Map.of("factor", 1.5), img(1, 2, 0.4, 0.8)), 1e-15);
        // adjust_contrast, factor 0: every pixel the mean of the luma 0.2989 R + 0.587 G + 0.114 B
        Tensor rgb = Tensor.of(new int[] {3, 1, 2}, new double[] {1, 0, 0, 1, 0.5, 0.5});
        double m = (0.2989 * 1 + 0.587 * 0 + 0.114 * 0.5 + 0.2989 * 0 + 0.587 * 1 + 0.114 * 0.5) / 2;
        double[] y = run("contrast", Map.of("factor", 0.0), rgb);
        for (double v : y) {
            assertTrue(Math.abs(v - m) < 1e-15, "contrast 0 gives the gray mean " + m + ", got " + v);
        }
        Entry g = Catalogue.get("gaussian_noise").orElseThrow();
        assertArrayEquals(new double[] {1.5, -1}, g.newReference().forward(Map.of("x", img(1, 2, 1, 0), "noise", img(1, 2, 0.5, -1)),
                g.params(Map.of())).get("y").toArray(), 0);
    }
}
