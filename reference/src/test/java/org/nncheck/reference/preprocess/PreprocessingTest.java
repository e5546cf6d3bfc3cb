package org.nncheck.reference.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Hand-computed examples of the preprocessing (each value's derivation in a comment). */
class PreprocessingTest {

    private static double[] run(String id, Map<String, Object> raw, Tensor x) {
        Entry e = Catalogue.get(id).orElseThrow();
        return e.newReference().forward(Map.of("x", x), e.params(raw)).get("y").toArray();
    }

    private static Tensor col(double... v) {
        return Tensor.of(new int[] {v.length, 1}, v);
    }

    @Test
    void standardizeUsesThePopulationStd() {
        // mean 2, population std 1 -> (x - 2) / 1
        assertArrayEquals(new double[] {-1, 1}, run("standardize", Map.of("eps", 0.0), col(1, 3)), 1e-15);
        // eps is added to the std: (x - 2) / (1 + 0.5)
        assertArrayEquals(new double[] {-1 / 1.5, 1 / 1.5}, run("standardize", Map.of("eps", 0.5), col(1, 3)), 1e-15);
        // the N-1 alternative: std sqrt(2)
        double[] alt = new Standardize(1, false).forward(Map.of("x", col(1, 3)),
                Catalogue.get("standardize").orElseThrow().params(Map.of("eps", 0.0))).get("y").toArray();
        assertArrayEquals(new double[] {-1 / Math.sqrt(2), 1 / Math.sqrt(2)}, alt, 1e-15);
        // a large offset does not cost accuracy (corrected two-pass)
        assertArrayEquals(new double[] {-1, 1}, run("standardize", Map.of("eps", 0.0), col(1e9 + 1, 1e9 + 3)), 1e-15);
    }

    @Test
    void minMaxAndConstantFeatures() {
        assertArrayEquals(new double[] {0, 1, 0.5}, run("min_max", Map.of(), col(2, 4, 3)), 0);
        assertArrayEquals(new double[] {-1, 1, 0}, run("min_max", Map.of("low", -1.0, "high", 1.0), col(2, 4, 3)), 0);
        assertArrayEquals(new double[] {0, 0}, run("min_max", Map.of(), col(7, 7)), 0);
    }

    @Test
    void gcnPerSample() {
        // sample [0, 2]: mean 1, rms of deviations 1 -> [-1, 1]; scale 3 -> [-3, 3]
        Tensor x = Tensor.of(new int[] {2, 2}, new double[] {0, 2, 5, 5});
        assertArrayEquals(new double[] {-3, 3, 0, 0}, run("gcn", Map.of("scale", 3.0), x), 1e-15);
    }

    @Test
    void meanSubtractionAxes() {
        // (N=2, C=2, H=1, W=2): per-channel means over N and W: channel 0 {1,2,5,6} -> 3.5,
        // channel 1 {3,4,7,8} -> 5.5; the mean image is [[3,4],[5,6]] per (c, w)
        Tensor x = Tensor.of(new int[] {2, 2, 1, 2}, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertArrayEquals(new double[] {-2.5, -1.5, -2.5, -1.5, 1.5, 2.5, 1.5, 2.5},
                run("mean_subtraction", Map.of("axis", "channel"), x), 0);
        assertArrayEquals(new double[] {-2, -2, -2, -2, 2, 2, 2, 2}, run("mean_subtraction", Map.of("axis", "image"), x), 0);
    }

    @Test
    void pcaOfPointsOnALine() {
        // points on y = 2x: centred [-1,-2],[0,0],[1,2]; top eigenvector (1,2)/sqrt(5) (largest
        // entry positive), eigenvalue (5 + 0 + 5)/3; projections -sqrt5, 0, sqrt5
        Tensor x = Tensor.of(new int[] {3, 2}, new double[] {0, 0, 1, 2, 2, 4});
        double r5 = Math.sqrt(5);
        assertArrayEquals(new double[] {-r5, 0, r5}, run("pca", Map.of("k", 1), x), 1e-14);
        double s = Math.sqrt(10.0 / 3 + 1e-5);
        assertArrayEquals(new double[] {-r5 / s, 0, r5 / s}, run("pca_whiten", Map.of("k", 1), x), 1e-14);
        ContractException ex = assertThrows(ContractException.class, () -> run("pca", Map.of("k", 3), x));
        assertTrue(ex.getMessage().contains("pca") && ex.getMessage().contains("'k'"), ex.getMessage());
    }

    @Test
    void zcaOfIndependentFeaturesScalesEachAxis() {
        // covariance diag(0.5, 2) (population, N = 4): ZCA divides each column by sqrt(lambda + eps)
        Tensor x = Tensor.of(new int[] {4, 2}, new double[] {1, 0, -1, 0, 0, 2, 0, -2});
        double a = 1 / Math.sqrt(0.5 + 1e-5);
        double b = 2 / Math.sqrt(2 + 1e-5);
        assertArrayEquals(new double[] {a, 0, -a, 0, 0, b, 0, -b}, run("zca_whiten", Map.of(), x), 1e-14);
    }

    @Test
    void alignSignsFlipsColumnsOnly() {
        Tensor e = Tensor.of(new int[] {2, 2}, new double[] {1, 2, 3, 4});
        Tensor a = Tensor.of(new int[] {2, 2}, new double[] {-1, 2, -3, 4});
        assertArrayEquals(e.toArray(), Pca.alignSigns(e, a).toArray(), 0);
        Tensor wrong = Tensor.of(new int[] {2, 2}, new double[] {-1, 2, 3, 4});
        assertTrue(!Pca.alignSigns(e, wrong).equals(e), "a mixed-sign column is not 'equal up to sign'");
    }
}
