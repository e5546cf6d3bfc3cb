package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Examples of {@code batch_norm} computed by hand from the SPEC formulas. */
class BatchNormTest {
    private final Entry entry = Catalogue.get("batch_norm").orElseThrow();

    private static Map<String, Tensor> inputs(Tensor x, double gamma, double beta, double rm, double rv) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("x", x);
        in.put("gamma", Tensor.vector(gamma));
        in.put("beta", Tensor.vector(beta));
        in.put("running_mean", Tensor.vector(rm));
        in.put("running_var", Tensor.vector(rv));
        return in;
    }

    /**
     * x = [1, 3] (N = 2, D = 1): batch mean 2, biased variance 1, so
     * {@code y = gamma (x - 2) / sqrt(1 + eps) + beta}; running_mean' = 0.9*0 + 0.1*2 = 0.2;
     * running_var' = 0.9*1 + 0.1*2 = 1.1 with the unbiased variance 2 (PyTorch), 0.9 + 0.1*1 =
     * 1.0 with the biased one (Keras/ONNX).
     */
    @Test
    void trainingByHand() {
        Map<String, Tensor> in = inputs(Tensor.of(new int[] {2, 1}, new double[] {1, 3}), 2, 0.5, 0, 1);
        Map<String, Tensor> out = entry.newReference().forward(in, entry.params(Map.of()));
        double s = Math.sqrt(1 + 1e-5);
        assertArrayEquals(new double[] {0.5 - 2 / s, 0.5 + 2 / s}, out.get("y").toArray(), 1e-15);
        assertEquals(0.2, out.get("running_mean").item(), 1e-15);
        assertEquals(1.1, out.get("running_var").item(), 1e-15);
        Map<String, Tensor> keras = entry.newReference().forward(in, entry.params(Map.of("running_var_unbiased", false)));
        assertEquals(1.0, keras.get("running_var").item(), 1e-15);
        assertEquals(3, out.size(), "training returns y, running_mean, running_var");
    }

    /** Eval: running_mean 1, running_var 3, eps 1: y = gamma (x - 1)/2 + beta, dx = dy gamma / 2, dgamma = sum dy xhat. */
    @Test
    void evalUsesTheRunningStatistics() {
        Map<String, Tensor> in = inputs(Tensor.of(new int[] {2, 1}, new double[] {1, 3}), 2, 0.5, 1, 3);
        var p = entry.params(Map.of("training", false, "eps", 1.0));
        Map<String, Tensor> out = entry.newReference().forward(in, p);
        assertArrayEquals(new double[] {0.5, 2.5}, out.get("y").toArray(), 1e-15);
        assertEquals(1, out.size(), "eval returns y only");
        Map<String, Tensor> g = entry.newReference().backward(in, Map.of("dy", Tensor.of(new int[] {2, 1}, new double[] {1, -3})), p);
        assertArrayEquals(new double[] {1, -3}, g.get("dx").toArray(), 1e-15);
        assertArrayEquals(new double[] {-3}, g.get("dgamma").toArray(), 1e-15); // 1*0 + (-3)*1
        assertArrayEquals(new double[] {-2}, g.get("dbeta").toArray(), 1e-15);
    }

    /**
     * Statistics are two-pass: x = 1e8 + [0, 1, 2, 3] (exact doubles) has mean 1e8 + 1.5 and
     * biased variance 1.25; the one-pass E[x^2] - E[x]^2 would lose every digit (1e16 vs 1.25).
     */
    @Test
    void largeOffsetKeepsFullAccuracy() {
        Tensor x = Tensor.of(new int[] {4, 1}, new double[] {1e8, 1e8 + 1, 1e8 + 2, 1e8 + 3});
        Map<String, Tensor> out = entry.newReference().forward(inputs(x, 1, 0, 0, 1), entry.params(Map.of("eps", 1e-5)));
        double s = Math.sqrt(1.25 + 1e-5);
        assertArrayEquals(new double[] {-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s}, out.get("y").toArray(), 1e-12);
        assertEquals(0.9 + 0.1 * (5.0 / 3.0), out.get("running_var").item(), 1e-12); // unbiased variance 5/3
    }

    /** (N, C, H, W): statistics per channel over N, H, W. Channel 0 holds 0, 2 and channel 1 holds 10, 14 (N = 1, H = 1, W = 2). */
    @Test
    void fourDimensionalStatisticsPerChannel() {
        Tensor x = Tensor.of(new int[] {1, 2, 1, 2}, new double[] {0, 2, 10, 14});
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("x", x);
        in.put("gamma", Tensor.vector(1, 1));
        in.put("beta", Tensor.vector(0, 0));
        in.put("running_mean", Tensor.vector(0, 0));
        in.put("running_var", Tensor.vector(1, 1));
        Map<String, Tensor> out = entry.newReference().forward(in, entry.params(Map.of("momentum", 0.5)));
        double s0 = Math.sqrt(1 + 1e-5);
        double s1 = Math.sqrt(4 + 1e-5);
        assertArrayEquals(new double[] {-1 / s0, 1 / s0, -2 / s1, 2 / s1}, out.get("y").toArray(), 1e-15);
        assertArrayEquals(new double[] {0.5, 6}, out.get("running_mean").toArray(), 1e-15);
        assertArrayEquals(new double[] {0.5 + 0.5 * 2, 0.5 + 0.5 * 8}, out.get("running_var").toArray(), 1e-15);
    }

    /** The updated running statistics are state: upstream gradients for them do not change dx. */
    @Test
    void runningStatisticsAreNotDifferentiated() {
        Map<String, Tensor> in = inputs(Tensor.of(new int[] {3, 1}, new double[] {1, 3, 8}), 2, 0.5, 0, 1);
        var p = entry.params(Map.of());
        Tensor dy = Tensor.of(new int[] {3, 1}, new double[] {1, -2, 0.5});
        Map<String, Tensor> plain = entry.newReference().backward(in, Map.of("dy", dy), p);
        Map<String, Tensor> withState = entry.newReference().backward(in,
                Map.of("dy", dy, "drunning_mean", Tensor.vector(5), "drunning_var", Tensor.vector(-7)), p);
        assertEquals(plain, withState);
    }

    @Test
    void trainingWithoutRunningStatisticsReturnsOnlyY() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {2, 1}, new double[] {1, 3}), "gamma", Tensor.vector(1),
                "beta", Tensor.vector(0));
        assertEquals(java.util.Set.of("y"), entry.newReference().forward(in, entry.params(Map.of())).keySet());
    }

    @Test
    void clearErrors() {
        Tensor one = Tensor.of(new int[] {1, 3}, new double[] {1, 2, 3});
        Map<String, Tensor> single = new LinkedHashMap<>();
        single.put("x", one);
        single.put("gamma", Tensor.filled(1, 3));
        single.put("beta", Tensor.zeros(3));
        single.put("running_mean", Tensor.zeros(3));
        single.put("running_var", Tensor.filled(1, 3));
        ContractException m = assertThrows(ContractException.class, () -> entry.newReference().forward(single, entry.params(Map.of())));
        assertTrue(m.getMessage().contains("more than one value per channel"), m.getMessage());
        // eval with one sample is fine
        assertEquals(3, entry.newReference().forward(single, entry.params(Map.of("training", false))).get("y").size());

        Map<String, Tensor> noRunning = Map.of("x", Tensor.zeros(2, 3), "gamma", Tensor.filled(1, 3), "beta", Tensor.zeros(3));
        ContractException r = assertThrows(ContractException.class,
                () -> entry.newReference().forward(noRunning, entry.params(Map.of("training", false))));
        assertTrue(r.getMessage().contains("running_mean"), r.getMessage());

        Map<String, Tensor> badGamma = new LinkedHashMap<>(single);
        badGamma.put("x", Tensor.zeros(2, 3));
        badGamma.put("gamma", Tensor.zeros(2));
        ContractException g = assertThrows(ContractException.class, () -> entry.newReference().forward(badGamma, entry.params(Map.of())));
        assertTrue(g.getMessage().contains("'gamma'") && g.getMessage().contains("[3]") && g.getMessage().contains("[2]"), g.getMessage());

        Map<String, Tensor> negative = new LinkedHashMap<>(single);
        negative.put("running_var", Tensor.vector(1, -1, 1));
        ContractException n = assertThrows(ContractException.class,
                () -> entry.newReference().forward(negative, entry.params(Map.of("training", false))));
        assertTrue(n.getMessage().contains("running_var[1]"), n.getMessage());

        ContractException mom = assertThrows(ContractException.class, () -> entry.params(Map.of("momentum", 1.5)));
        assertTrue(mom.getMessage().contains("momentum"), mom.getMessage());
    }
}
