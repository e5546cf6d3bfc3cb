package org.nncheck.reference.regularizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.reference.regularizer.RegularizerTest.params;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

class MaxNormTest {
    private final MaxNorm maxNorm = new MaxNorm();

    private static Tensor project(Tensor w, Params p) {
        return new MaxNorm().forward(Map.of("w", w), p).get("w");
    }

    @Test
    void columnsAboveCAreScaledToC() {
        // columns (axis 0) [3, 4] (norm 5) and [0.3, 0.4] (norm 0.5), c = 1: [0.6, 0.8] and unchanged
        Tensor w = Tensor.of(new int[] {2, 2}, new double[] {3, 0.3, 4, 0.4});
        Tensor y = project(w, params("max_norm", "c", 1.0));
        assertEquals(0.6, y.at(0, 0), 2e-16);
        assertEquals(0.8, y.at(1, 0), 1e-16);
        assertEquals(0.3, y.at(0, 1), 0, "a column within the bound is returned bit for bit");
        assertEquals(0.4, y.at(1, 1), 0);
    }

    @Test
    void axisOneScalesRows() {
        // rows (norm along axis 1): [3, 4] -> [0.6, 0.8]; [0.3, 0.4] unchanged; axis -1 is the same axis
        Tensor w = Tensor.of(new int[] {2, 2}, new double[] {3, 4, 0.3, 0.4});
        Tensor y = project(w, params("max_norm", "c", 1.0, "axis", 1));
        double[] expected = {0.6, 0.8, 0.3, 0.4};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], y.get(i), i < 2 ? 2e-16 : 0);
        }
        assertEquals(y, project(w, params("max_norm", "c", 1.0, "axis", -1)));
    }

    @Test
    void rankThreeNormsRunAlongTheAxis() {
        // shape (2, 1, 2), axis 0: columns {w[0,0,k], w[1,0,k]}: [3, 4] and [0, 0]
        Tensor w = Tensor.of(new int[] {2, 1, 2}, new double[] {3, 0, 4, 0});
        Tensor y = project(w, params("max_norm", "c", 2.5));
        assertEquals(1.5, y.get(0), 1e-15);
        assertEquals(2.0, y.get(2), 1e-15);
        assertEquals(0.0, y.get(1), 0);
    }

    @Test
    void hugeAndTinyColumnsKeepTheirDirection() {
        Tensor w = Tensor.of(new int[] {2, 2}, new double[] {1e200, 3e-170, 1e200, 4e-170});
        Tensor y = project(w, params("max_norm", "c", 1.0));
        assertEquals(Math.sqrt(0.5), y.at(0, 0), 1e-15);
        assertEquals(Math.sqrt(0.5), y.at(1, 0), 1e-15);
        y = project(w, params("max_norm", "c", 1e-170));
        // norm of [3e-170, 4e-170] is 5e-170 (whose squares underflow): scaled to [0.6e-170, 0.8e-170]
        assertEquals(0.6e-170, y.at(0, 1), 1e-185);
        assertEquals(0.8e-170, y.at(1, 1), 1e-185);
    }

    @Test
    void alternativesDiffer() {
        // torch.renorm along dim 0 normalises the rows: rows [3, 0.3] and [4, 0.4], norms 3.015 and 4.02
        Tensor w = Tensor.of(new int[] {2, 2}, new double[] {3, 0.3, 4, 0.4});
        Params p = params("max_norm", "c", 1.0);
        Tensor torch = new MaxNormTorchRenorm().forward(Map.of("w", w), p).get("w");
        assertEquals(3 / (Math.sqrt(9.09) + 1e-7), torch.at(0, 0), 1e-15);
        Tensor keras = new MaxNormKeras().forward(Map.of("w", w), p).get("w");
        // keras rescales the column of norm 0.5 by 0.5 / (1e-7 + 0.5)
        assertEquals(0.3 * 0.5 / (1e-7 + 0.5), keras.at(0, 1), 1e-16);
    }

    @Test
    void errors() {
        ContractException e = assertThrows(ContractException.class,
                () -> maxNorm.forward(Map.of("w", Tensor.zeros(2, 3)), params("max_norm", "c", 1.0, "axis", 2)));
        assertTrue(e.getMessage().contains("max_norm") && e.getMessage().contains("axis") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
        assertThrows(ContractException.class, () -> maxNorm.forward(Map.of("w", Tensor.scalar(1)), params("max_norm", "c", 1.0)));
        assertThrows(UnsupportedOperationException.class,
                () -> maxNorm.backward(Map.of("w", Tensor.zeros(2)), Map.of(), params("max_norm", "c", 1.0)));
    }
}
