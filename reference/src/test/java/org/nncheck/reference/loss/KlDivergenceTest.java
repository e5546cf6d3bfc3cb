package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nncheck.reference.loss.Fixtures.assertArray;
import static org.nncheck.reference.loss.Fixtures.assertContract;
import static org.nncheck.reference.loss.Fixtures.grad;
import static org.nncheck.reference.loss.Fixtures.inputs;
import static org.nncheck.reference.loss.Fixtures.loss;
import static org.nncheck.reference.loss.Fixtures.matrix;
import static org.nncheck.reference.loss.Fixtures.params;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

class KlDivergenceTest {
    private final KlDivergence kl = new KlDivergence();
    private final Params batchmean = params("kl_divergence");

    // row 0: p = [1/2, 1/2], q = [1/4, 3/4]: KL = 1/2 ln 2 + 1/2 ln(2/3); row 1: p = q: 0
    private final Map<String, Tensor> in = inputs("p", matrix(new double[][] {{0.5, 0.5}, {0.25, 0.75}}),
            "log_q", matrix(new double[][] {{Math.log(0.25), Math.log(0.75)}, {Math.log(0.25), Math.log(0.75)}}));
    private static final double ROW0 = 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3);

    @Test
    void reductions() {
        assertEquals(ROW0 / 2, loss(kl, in, batchmean), 1e-16);
        assertEquals(ROW0, loss(kl, in, params("kl_divergence", "reduction", "sum")), 1e-16);
        assertEquals(ROW0 / 4, loss(kl, in, params("kl_divergence", "reduction", "mean")), 1e-16);
    }

    @Test
    void gradientIsMinusPOverN() {
        assertArray(new double[] {-0.25, -0.25, -0.125, -0.375}, grad(kl, in, batchmean, "dlog_q"), 0);
        // dloss = 2, divided by the 4 elements: -p / 2
        assertArray(new double[] {-0.25, -0.25, -0.125, -0.375}, grad(kl, in, 2.0, params("kl_divergence", "reduction", "mean"),
                "dlog_q"), 0);
    }

    @Test
    void zeroTimesLogZeroIsZero() {
        // p = [1, 0] against q = [1, 0]: KL = 0, even with log q = -infinity where p = 0
        Map<String, Tensor> x = inputs("p", matrix(new double[][] {{1, 0}}), "log_q",
                matrix(new double[][] {{0, Double.NEGATIVE_INFINITY}}));
        assertEquals(0.0, loss(kl, x, batchmean), 0);
        assertArray(new double[] {-1, -0.0}, grad(kl, x, batchmean, "dlog_q"), 0);
        // p > 0 where q = 0: the true divergence is infinite
        Map<String, Tensor> y = inputs("p", matrix(new double[][] {{0, 1}}), "log_q", matrix(new double[][] {{0, Double.NEGATIVE_INFINITY}}));
        assertEquals(Double.POSITIVE_INFINITY, loss(kl, y, batchmean));
    }

    @Test
    void errors() {
        assertContract(() -> kl.forward(inputs("p", Tensor.vector(-0.5, 1.5), "log_q", Tensor.zeros(2)), batchmean), "kl_divergence",
                "'p'", "-0.5");
        assertContract(() -> kl.forward(inputs("p", Tensor.zeros(2, 2), "log_q", Tensor.zeros(2, 3)), batchmean), "'log_q'",
                "[2, 2]", "[2, 3]");
        assertContract(() -> kl.forward(inputs("p", Tensor.scalar(1), "log_q", Tensor.scalar(0)), batchmean), "'p'", "scalar");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> before = Fixtures.snapshot(in);
        kl.forward(in, batchmean);
        kl.backward(in, Map.of(), batchmean);
        assertEquals(before, in);
    }
}
