package org.nncheck.reference.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The qualitative outcomes of CS231n lecture 5's activation-statistics experiment
 * (10 layers x 500 units, unit-Gaussian input). Thresholds: measured at seed 42 with batch
 * 200 (values in comments) and set with a wide margin around them, on the side of the
 * lecture's claim.
 */
class ActivationStatisticsTest {
    private static List<ActivationStatistics.Run> runs;

    @BeforeAll
    static void run() {
        runs = ActivationStatistics.lectureExperiment(200, 42);
        for (ActivationStatistics.Run r : runs) {
            StringBuilder sb = new StringBuilder(r.name()).append(":");
            for (ActivationStatistics.LayerStats s : r.layers()) {
                sb.append(String.format(" L%d mean %.3g std %.3g sat %.2f zero %.2f;", s.layer(), s.mean(), s.std(),
                        s.fractionSaturated(), s.fractionZero()));
            }
            System.out.println(sb);
        }
    }

    private static ActivationStatistics.Run run(String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fiveConfigurationsOfTenLayers() {
        assertEquals(5, runs.size());
        runs.forEach(r -> assertEquals(10, r.layers().size()));
    }

    @Test
    void tanhWithSmallWeightsCollapsesToZero() {
        ActivationStatistics.Run r = run("tanh, normal std 0.01");
        // std shrinks by about 0.01*sqrt(500) = 0.224 per layer: 0.224^10 = 3.2e-7
        assertTrue(r.last().std() < 1e-5, "last std " + r.last().std());
        for (int i = 1; i < r.layers().size(); i++) {
            assertTrue(r.layers().get(i).std() < 0.5 * r.layers().get(i - 1).std(), "layer " + (i + 1));
        }
    }

    @Test
    void tanhWithUnitWeightsSaturates() {
        ActivationStatistics.Run r = run("tanh, normal std 1.0");
        for (ActivationStatistics.LayerStats s : r.layers()) {
            assertTrue(s.fractionSaturated() > 0.8, "layer " + s.layer() + " saturated fraction " + s.fractionSaturated());
            assertTrue(s.std() > 0.9, "layer " + s.layer() + " std " + s.std());
        }
    }

    @Test
    void tanhWithXavierStaysSpread() {
        ActivationStatistics.Run r = run("tanh, xavier_normal");
        for (ActivationStatistics.LayerStats s : r.layers()) {
            assertTrue(s.std() > 0.15 && s.std() < 0.8, "layer " + s.layer() + " std " + s.std());
            assertTrue(s.fractionSaturated() < 0.1, "layer " + s.layer() + " saturated " + s.fractionSaturated());
        }
    }

    @Test
    void reluWithXavierShrinksAndWithHeKeepsTheScale() {
        ActivationStatistics.Run xavier = run("relu, xavier_normal");
        ActivationStatistics.Run he = run("relu, he_normal");
        // ReLU halves the second moment per layer under xavier: (1/2)^(9/2) = 0.044 over 9 layers
        double xr = xavier.last().std() / xavier.layers().get(0).std();
        double hr = he.last().std() / he.layers().get(0).std();
        assertTrue(xr < 0.15, "xavier ratio " + xr);
        assertTrue(hr > 0.4 && hr < 2.5, "he ratio " + hr);
        for (ActivationStatistics.LayerStats s : he.layers()) {
            assertTrue(s.fractionZero() > 0.3 && s.fractionZero() < 0.7, "he layer " + s.layer() + " zero " + s.fractionZero());
        }
    }

    @Test
    void deterministicForASeed() {
        assertEquals(ActivationStatistics.lectureExperiment(20, 7).get(2).layers(),
                ActivationStatistics.lectureExperiment(20, 7).get(2).layers());
    }
}
