package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nncheck.reference.loss.Fixtures.assertArray;
import static org.nncheck.reference.loss.Fixtures.assertContract;
import static org.nncheck.reference.loss.Fixtures.grad;
import static org.nncheck.reference.loss.Fixtures.inputs;
import static org.nncheck.reference.loss.Fixtures.loss;
import static org.nncheck.reference.loss.Fixtures.params;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

class MseTest {
    private final Mse mse = new Mse();
    private final Params mean = params("mse");
    private final Params sum = params("mse", "reduction", "sum");

    private final Map<String, Tensor> in = inputs("pred", Tensor.of(new int[] {2, 2}, new double[] {1, 2, 3, 4}),
            "target", Tensor.of(new int[] {2, 2}, new double[] {1, 0, 0, 5}));

    @Test
    void meanIsOverAllElements() {
        // squared errors 0, 4, 9, 1: sum 14, mean over the 4 ELEMENTS (not the 2 rows) 3.5
        assertEquals(14.0, loss(mse, in, sum), 0);
        assertEquals(3.5, loss(mse, in, mean), 0);
    }

    @Test
    void gradientsOfBothInputs() {
        // dpred = 2 (pred - target) / 4, dtarget = -dpred
        Map<String, Tensor> g = mse.backward(in, Map.of(), mean);
        assertArray(new double[] {0, 1, 1.5, -0.5}, g.get("dpred"), 0);
        assertArray(new double[] {-0.0, -1, -1.5, 0.5}, g.get("dtarget"), 0);
        assertArray(new double[] {0, 8, 12, -4}, grad(mse, in, 2.0, sum, "dpred"), 0);
    }

    @Test
    void meanDoesNotOverflowWhenTheSumDoes() {
        // four squared errors of 1e308 each: the sum overflows, the mean 1e308 does not
        Map<String, Tensor> big = inputs("pred", Tensor.filled(1e154, 4), "target", Tensor.zeros(4));
        assertEquals(1e308, loss(mse, big, mean), 1e293);
        // the difference 2e308 overflows, its gradient 2 * 2e308 / 8 = 5e307 does not
        Map<String, Tensor> wide = inputs("pred", Tensor.filled(1e308, 8), "target", Tensor.filled(-1e308, 8));
        assertArray(new double[] {5e307, 5e307, 5e307, 5e307, 5e307, 5e307, 5e307, 5e307}, grad(mse, wide, mean, "dpred"), 1e-15);
    }

    @Test
    void scalarInputs() {
        Map<String, Tensor> s = inputs("pred", Tensor.scalar(3), "target", Tensor.scalar(1));
        assertEquals(4.0, loss(mse, s, mean), 0);
        assertEquals(4.0, grad(mse, s, mean, "dpred").item(), 0);
    }

    @Test
    void factorOneHalfIsAnAlternativeOnly() {
        assertEquals(1.75, loss(new RescaledLoss(new Mse(), (i, p) -> 0.5), in, mean), 0);
    }

    @Test
    void errors() {
        assertContract(() -> mse.forward(inputs("pred", Tensor.zeros(2, 3), "target", Tensor.zeros(3, 2)), mean), "mse",
                "'target'", "[2, 3]", "[3, 2]");
        assertContract(() -> mse.forward(inputs("pred", Tensor.zeros(2, 3)), mean), "mse", "missing tensor 'target'");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> before = Fixtures.snapshot(in);
        mse.forward(in, mean);
        mse.backward(in, Map.of("dloss", Tensor.scalar(-2)), mean);
        assertEquals(before, in);
    }
}
