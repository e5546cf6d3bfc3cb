package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nncheck.reference.loss.Fixtures.assertArray;
import static org.nncheck.reference.loss.Fixtures.assertContract;
import static org.nncheck.reference.loss.Fixtures.grad;
import static org.nncheck.reference.loss.Fixtures.inputs;
import static org.nncheck.reference.loss.Fixtures.labels;
import static org.nncheck.reference.loss.Fixtures.loss;
import static org.nncheck.reference.loss.Fixtures.matrix;
import static org.nncheck.reference.loss.Fixtures.params;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

class NllTest {
    private final Nll nll = new Nll();
    private final Params mean = params("nll");
    private final Params sum = params("nll", "reduction", "sum");

    private final Map<String, Tensor> in = inputs("log_probs",
            matrix(new double[][] {{Math.log(0.2), Math.log(0.3), Math.log(0.5)}, {Math.log(0.25), Math.log(0.25), Math.log(0.5)}}),
            "labels", labels(2, 0));

    @Test
    void picksTheLabelledLogProbability() {
        // -(ln 0.5 + ln 0.25) = ln 2 + ln 4 = 3 ln 2
        assertEquals(3 * Math.log(2), loss(nll, in, sum), 1e-15);
        assertEquals(1.5 * Math.log(2), loss(nll, in, mean), 1e-15);
    }

    @Test
    void gradientIsMinusOneOverNAtTheLabels() {
        assertArray(new double[] {0, 0, -0.5, -0.5, 0, 0}, grad(nll, in, mean, "dlog_probs"), 0);
        assertArray(new double[] {0, 0, -3, -3, 0, 0}, grad(nll, in, 3.0, sum, "dlog_probs"), 0);
    }

    @Test
    void agreesWithCrossEntropyOfTheLogSoftmax() {
        Tensor logits = matrix(new double[][] {{1.5, -2, 0.25}, {3, 3.5, -1}});
        Map<String, Tensor> ce = inputs("logits", logits, "labels", labels(1, 2));
        Map<String, Tensor> nl = inputs("log_probs", LossEntries.logSoftmax(logits), "labels", labels(1, 2));
        assertEquals(loss(new SoftmaxCrossEntropy(), ce, params("softmax_cross_entropy")), loss(nll, nl, mean), 1e-14);
    }

    @Test
    void errors() {
        assertContract(() -> nll.forward(inputs("log_probs", Tensor.zeros(2, 3), "labels", labels(0, 5)), mean), "nll", "labels[1]");
        assertContract(() -> nll.forward(inputs("log_probs", Tensor.zeros(2, 3)), mean), "nll", "missing tensor 'labels'");
        assertContract(() -> nll.forward(inputs("log_probs", Tensor.zeros(2, 3), "labels", labels(0)), mean), "'labels'", "[2]");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> before = Fixtures.snapshot(in);
        nll.forward(in, mean);
        nll.backward(in, Map.of(), mean);
        assertEquals(before, in);
    }
}
