package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Examples of {@code layer_norm}, {@code instance_norm}, {@code group_norm} from the SPEC formulas. */
class SampleNormTest {
    private final Entry layer = Catalogue.get("layer_norm").orElseThrow();
    private final Entry instance = Catalogue.get("instance_norm").orElseThrow();
    private final Entry group = Catalogue.get("group_norm").orElseThrow();

    private static final double S1 = Math.sqrt(1 + 1e-5);
    private static final double S4 = Math.sqrt(4 + 1e-5);

    /** Each sample of (2, 2) alone: [0, 2] has mean 1, biased variance 1; [10, 14] mean 12, variance 4. */
    @Test
    void layerNormPerSampleBiasedVarianceEpsInside() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {2, 2}, new double[] {0, 2, 10, 14}),
                "gamma", Tensor.vector(1, 3), "beta", Tensor.vector(0, 1));
        double[] y = layer.newReference().forward(in, layer.params(Map.of())).get("y").toArray();
        assertArrayEquals(new double[] {-1 / S1, 3 / S1 + 1, -2 / S4, 3 * 2 / S4 + 1}, y, 1e-15);
    }

    /** normalized_dims = 1 on (1, 2, 2): each row of the last axis alone; the default normalizes the whole (2, 2). */
    @Test
    void layerNormNormalizedDims() {
        Tensor x = Tensor.of(new int[] {1, 2, 2}, new double[] {0, 2, 10, 14});
        Map<String, Tensor> in1 = Map.of("x", x, "gamma", Tensor.vector(1, 1), "beta", Tensor.vector(0, 0));
        double[] y1 = layer.newReference().forward(in1, layer.params(Map.of("normalized_dims", 1))).get("y").toArray();
        assertArrayEquals(new double[] {-1 / S1, 1 / S1, -2 / S4, 2 / S4}, y1, 1e-15);
        Map<String, Tensor> in2 = Map.of("x", x, "gamma", Tensor.filled(1, 2, 2), "beta", Tensor.zeros(2, 2));
        double[] y2 = layer.newReference().forward(in2, layer.params(Map.of())).get("y").toArray();
        // mean 6.5, biased variance (42.25 + 20.25 + 12.25 + 56.25)/4 = 32.75
        double s = Math.sqrt(32.75 + 1e-5);
        assertArrayEquals(new double[] {-6.5 / s, -4.5 / s, 3.5 / s, 7.5 / s}, y2, 1e-14);
        ContractException g = assertThrows(ContractException.class, () -> layer.newReference().forward(in1, layer.params(Map.of())));
        assertTrue(g.getMessage().contains("'gamma'") && g.getMessage().contains("[2, 2]"), g.getMessage());
        ContractException k = assertThrows(ContractException.class,
                () -> layer.newReference().forward(in1, layer.params(Map.of("normalized_dims", 4))));
        assertTrue(k.getMessage().contains("normalized_dims = 4"), k.getMessage());
    }

    /** Instance norm: each (n, c) plane alone, gamma/beta per channel. */
    @Test
    void instanceNormPerPlane() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 2, 1, 2}, new double[] {0, 2, 10, 14}),
                "gamma", Tensor.vector(1, 2), "beta", Tensor.vector(0, -1));
        double[] y = instance.newReference().forward(in, instance.params(Map.of())).get("y").toArray();
        assertArrayEquals(new double[] {-1 / S1, 1 / S1, -4 / S4 - 1, 4 / S4 - 1}, y, 1e-15);
        ContractException r = assertThrows(ContractException.class,
                () -> instance.newReference().forward(Map.of("x", Tensor.zeros(2, 2), "gamma", Tensor.zeros(2), "beta", Tensor.zeros(2)),
                        instance.params(Map.of())));
        assertTrue(r.getMessage().contains("rank >= 3"), r.getMessage());
    }

    /**
     * Groups are CONSECUTIVE channel blocks: channels (0, 1) = {0, 2} and (2, 3) = {10, 14} with
     * groups = 2; interleaved groups ({0, 10}, {2, 14}) would give other values.
     */
    @Test
    void groupNormConsecutiveBlocks() {
        Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {1, 4, 1, 1}, new double[] {0, 2, 10, 14}),
                "gamma", Tensor.vector(1, 1, 1, 1), "beta", Tensor.vector(0, 0, 0, 0));
        double[] y = group.newReference().forward(in, group.params(Map.of("groups", 2))).get("y").toArray();
        assertArrayEquals(new double[] {-1 / S1, 1 / S1, -2 / S4, 2 / S4}, y, 1e-15);
        // interleaved groups {0, 10} (mean 5, variance 25) and {2, 14} (mean 8, variance 36): the named mistake
        double[] wrong = new GroupNormInterleaved().forward(in, group.params(Map.of("groups", 2))).get("y").toArray();
        double s25 = Math.sqrt(25 + 1e-5);
        double s36 = Math.sqrt(36 + 1e-5);
        assertArrayEquals(new double[] {-5 / s25, -6 / s36, 5 / s25, 6 / s36}, wrong, 1e-15);
        ContractException d = assertThrows(ContractException.class, () -> group.newReference().forward(in, group.params(Map.of("groups", 3))));
        assertTrue(d.getMessage().contains("'groups' = 3") && d.getMessage().contains("C = 4"), d.getMessage());
        ContractException req = assertThrows(ContractException.class, () -> group.params(Map.of()));
        assertTrue(req.getMessage().contains("groups"), req.getMessage());
    }
}
