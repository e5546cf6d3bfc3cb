package org.nncheck.properties.augment;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Tensor;

/**
 * Algebraic properties of the augmentations (QuickTheories, fixed seed printed on failure):
 * flips are involutions, rotate by 0 is the identity, rotate by 90 degrees (nearest) is an
 * exact permutation (np.rot90) and four of them the identity, resize to the same size is the
 * identity, translations compose, crop of the whole image is the identity, inputs unchanged.
 */
class AugmentationProperties {
    private static final long SEED = 0x5EED_A06L;

    private static void seeded(Runnable r) {
        try {
            r.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("property failed; QuickTheories fixed seed " + SEED + ": " + e.getMessage(), e);
        }
    }

    private static Tensor apply(String id, Map<String, Object> raw, Tensor x) {
        Entry e = Catalogue.get(id).orElseThrow();
        return e.newReference().forward(Map.of("x", x), e.params(raw)).get("y");
    }

    private static Tensor image(long seed, int h, int w) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return rnd.nextBoolean() ? Samples.uniform(rnd, 0, 1, 2, 3, h, w) : Samples.uniform(rnd, 0, 1, 3, h, w);
    }

    @Test
    void flipsAreInvolutionsAndInputsAreUnchanged() {
        seeded(() -> qt().withFixedSeed(SEED).withExamples(200)
                .forAll(longs().all(), integers().between(1, 9), integers().between(1, 9))
                .checkAssert((s, h, w) -> {
                    Tensor x = image(s, h, w);
                    Tensor copy = Tensor.of(x.shape(), x.toArray());
                    for (String id : new String[] {"hflip", "vflip"}) {
                        Tensor once = apply(id, Map.of(), x);
                        assert2(Arrays.equals(x.toArray(), apply(id, Map.of(), once).toArray()), id + " twice is not the identity");
                        assert2(w == 1 && id.equals("hflip") || h == 1 && id.equals("vflip") || !once.equals(x) || isSymmetric(x, id),
                                id + " changed nothing on a non-symmetric image");
                    }
                    assert2(x.equals(copy), "input modified");
                }));
    }

    private static boolean isSymmetric(Tensor x, String id) {
        return apply(id, Map.of(), x).equals(x);
    }

    @Test
    void rotateByZeroIsTheIdentity() {
        seeded(() -> qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(1, 8), integers().between(1, 8))
                .checkAssert((s, h, w) -> {
                    Tensor x = image(s, h, w);
                    for (String mode : new String[] {"nearest", "bilinear"}) {
                        for (double deg : new double[] {0.0, 360.0, -720.0}) {
                            assert2(apply("rotate", Map.of("degrees", deg, "interpolation", mode), x).equals(x),
                                    "rotate " + deg + " " + mode + " is not the identity");
                        }
                    }
                }));
    }

    @Test
    void rotateBy90NearestIsAnExactPermutation() {
        seeded(() -> qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(1, 9))
                .checkAssert((s, n) -> {
                    Tensor x = image(s, n, n);
                    Tensor y = apply("rotate", Map.of("degrees", 90.0), x);
                    int planes = x.size() / (n * n);
                    for (int p = 0; p < planes; p++) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                // np.rot90(x, 1): y[i, j] = x[j, n - 1 - i] (counter-clockwise)
                                assert2(y.get(p * n * n + i * n + j) == x.get(p * n * n + j * n + n - 1 - i), "rot90 at " + i + "," + j);
                            }
                        }
                    }
                    double[] a = x.toArray();
                    double[] b = y.toArray();
                    Arrays.sort(a);
                    Arrays.sort(b);
                    assert2(Arrays.equals(a, b), "not a permutation");
                    Tensor r = x;
                    for (int k = 0; k < 4; k++) {
                        r = apply("rotate", Map.of("degrees", 90.0, "interpolation", "bilinear"), r);
                    }
                    assert2(r.equals(x), "four bilinear quarter turns are not the identity");
                    assert2(apply("rotate", Map.of("degrees", -90.0), y).equals(x), "-90 does not undo 90");
                }));
    }

    @Test
    void resizeToTheSameSizeIsTheIdentity() {
        seeded(() -> qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(1, 9), integers().between(1, 9))
                .checkAssert((s, h, w) -> {
                    Tensor x = image(s, h, w);
                    assert2(apply("resize", Map.of("height", h, "width", w), x).equals(x), "bilinear resize to same size");
                    assert2(apply("resize", Map.of("height", h, "width", w, "interpolation", "nearest"), x).equals(x),
                            "nearest resize to same size");
                    // constant images stay constant; values stay within [min, max] (convex combinations)
                    Tensor y = apply("resize", Map.of("height", h + 3, "width", Math.max(1, w - 1)), x);
                    double min = Arrays.stream(x.toArray()).min().orElseThrow();
                    double max = Arrays.stream(x.toArray()).max().orElseThrow();
                    for (double v : y.toArray()) {
                        assert2(v >= min - 1e-15 && v <= max + 1e-15, "resize leaves the range: " + v);
                    }
                }));
    }

    @Test
    void translationsComposeAndCropOfTheWholeImageIsTheIdentity() {
        seeded(() -> qt().withFixedSeed(SEED).withExamples(200)
                .forAll(longs().all(), integers().between(-4, 4), integers().between(-4, 4))
                .checkAssert((s, dx, dy) -> {
                    Tensor x = image(s, 5, 6);
                    Tensor t = apply("translate", Map.of("dx", dx, "dy", dy), x);
                    Tensor back = apply("translate", Map.of("dx", -dx, "dy", -dy), t);
                    int h = 5;
                    int w = 6;
                    for (int f = 0; f < x.size(); f++) {
                        int i = (f / w) % h;
                        int j = f % w;
                        // back[i, j] = t[i + dy, j + dx] = x[i, j] where (i + dy, j + dx) is inside, else fill 0
                        double want = i + dy >= 0 && i + dy < h && j + dx >= 0 && j + dx < w ? x.get(f) : 0.0;
                        assert2(back.get(f) == want, "translate round trip at " + f);
                    }
                    Tensor twice = apply("translate", Map.of("dx", dx, "dy", dy), apply("translate", Map.of("dx", dx, "dy", dy), x));
                    Tensor direct = apply("translate", Map.of("dx", 2 * dx, "dy", 2 * dy), x);
                    assert2(twice.equals(direct), "translate(d) twice != translate(2d)");
                    assert2(apply("crop", Map.of("top", 0, "left", 0, "height", 5, "width", 6), x).equals(x), "full crop");
                }));
    }

    private static void assert2(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
