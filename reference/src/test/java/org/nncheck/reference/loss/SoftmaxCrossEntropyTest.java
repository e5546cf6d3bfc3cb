package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

class SoftmaxCrossEntropyTest {
    private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
    private final Params mean = params("softmax_cross_entropy");
    private final Params sum = params("softmax_cross_entropy", "reduction", "sum");

    /** ln 10 to double precision (CS231n: the initial softmax loss of 10 classes is ln 10 = 2.302585...). */
    private static final double LN10 = 2.302585092994046;

    @Test
    void uniformLogitsGiveLnC() {
        Map<String, Tensor> in = inputs("logits", Tensor.zeros(4, 10), "labels", labels(0, 3, 7, 9));
        assertEquals(LN10, loss(ce, in, mean), 1e-15);
        assertEquals(4 * LN10, loss(ce, in, sum), 4e-15);
    }

    @Test
    void equalHugeLogitsStillGiveLnC() {
        Map<String, Tensor> in = inputs("logits", Tensor.filled(1e300, 2, 10), "labels", labels(1, 8));
        assertEquals(LN10, loss(ce, in, mean), 1e-15);
        Tensor d = grad(ce, in, mean, "dlogits");
        // d = (softmax - onehot) / N with softmax = 1/10: 0.05 off the label, (0.1 - 1) / 2 = -0.45 at it
        assertEquals(0.05, d.at(0, 0), 1e-16);
        assertEquals(-0.45, d.at(0, 1), 1e-16);
    }

    @Test
    void handComputedExample() {
        // softmax([0, 0, ln 2]) = [1/4, 1/4, 1/2]: -log at label 2 is ln 2, at label 0 ln 4
        Tensor logits = matrix(new double[][] {{0, 0, Math.log(2)}, {0, 0, Math.log(2)}});
        Map<String, Tensor> in = inputs("logits", logits, "labels", labels(2, 0));
        assertEquals((Math.log(2) + Math.log(4)) / 2, loss(ce, in, mean), 1e-15);
        // gradient (softmax - onehot) / N
        assertArray(new double[] {0.125, 0.125, -0.25, -0.375, 0.125, 0.25}, grad(ce, in, mean, "dlogits"), 1e-15);
        assertArray(new double[] {0.25, 0.25, -0.5, -0.75, 0.25, 0.5}, grad(ce, in, sum, "dlogits"), 1e-15);
        assertArray(new double[] {0.5, 0.5, -1, -1.5, 0.5, 1}, grad(ce, in, 2.0, sum, "dlogits"), 1e-15);
    }

    @Test
    void labelSmoothingFollowsPyTorch() {
        // C = 2, ls = 0.2: t = (1 - 0.2) * onehot + 0.2 / 2 = [0.9, 0.1] for label 0;
        // softmax([0, ln 3]) = [1/4, 3/4]: loss = -(0.9 ln(1/4) + 0.1 ln(3/4)), gradient p - t
        Params ls = params("softmax_cross_entropy", "label_smoothing", 0.2);
        Map<String, Tensor> in = inputs("logits", matrix(new double[][] {{0, Math.log(3)}}), "labels", labels(0));
        assertEquals(-(0.9 * Math.log(0.25) + 0.1 * Math.log(0.75)), loss(ce, in, ls), 1e-15);
        assertArray(new double[] {0.25 - 0.9, 0.75 - 0.1}, grad(ce, in, ls, "dlogits"), 1e-15);
        // the same smoothing applied to probability targets
        Map<String, Tensor> soft = inputs("logits", matrix(new double[][] {{0, Math.log(3)}}),
                "targets", matrix(new double[][] {{1, 0}}));
        assertEquals(loss(ce, in, ls), loss(ce, soft, ls), 1e-15);
        // ls = 1: uniform target 1/C whatever the label
        Params full = params("softmax_cross_entropy", "label_smoothing", 1.0);
        assertEquals(-(0.5 * Math.log(0.25) + 0.5 * Math.log(0.75)), loss(ce, in, full), 1e-15);
    }

    @Test
    void smoothingOverTheOtherClassesIsAnAlternativeOnly() {
        // ls = 0.2, C = 2: the variant puts 0.8 on the label and 0.2 / (C - 1) = 0.2 on the other class
        Params ls = params("softmax_cross_entropy", "label_smoothing", 0.2);
        Map<String, Tensor> in = inputs("logits", matrix(new double[][] {{0, Math.log(3)}}), "labels", labels(0));
        assertEquals(-(0.8 * Math.log(0.25) + 0.2 * Math.log(0.75)), loss(new SoftmaxCrossEntropySmoothingOverOthers(), in, ls),
                1e-15);
        assertArray(new double[] {0.25 - 0.8, 0.75 - 0.2}, grad(new SoftmaxCrossEntropySmoothingOverOthers(), in, ls, "dlogits"),
                1e-15);
    }

    @Test
    void probabilityTargets() {
        // targets [0.5, 0.5] against softmax [1/4, 3/4]: -(0.5 ln 1/4 + 0.5 ln 3/4)
        Map<String, Tensor> in = inputs("logits", matrix(new double[][] {{0, Math.log(3)}}), "targets",
                matrix(new double[][] {{0.5, 0.5}}));
        assertEquals(-(0.5 * Math.log(0.25) + 0.5 * Math.log(0.75)), loss(ce, in, mean), 1e-15);
        assertArray(new double[] {0.25 - 0.5, 0.75 - 0.5}, grad(ce, in, mean, "dlogits"), 1e-15);
        // unnormalised weights: gradient softmax * sum(t) - t (the autograd of -sum t log softmax)
        Map<String, Tensor> half = inputs("logits", matrix(new double[][] {{0, Math.log(3)}}), "targets",
                matrix(new double[][] {{0.25, 0.25}}));
        assertArray(new double[] {0.25 * 0.5 - 0.25, 0.75 * 0.5 - 0.25}, grad(ce, half, mean, "dlogits"), 1e-15);
    }

    @Test
    void extremeLogitsDoNotOverflow() {
        Map<String, Tensor> in = inputs("logits", matrix(new double[][] {{1e300, -1e300}, {1e300, -1e300}}), "labels", labels(0, 1));
        // row 0: the right class wins by 2e300: loss 0; row 1: loss 2e300 (finite)
        assertEquals(1e300, loss(ce, in, mean), 1e285);
        Tensor d = grad(ce, in, mean, "dlogits");
        assertArray(new double[] {0, 0, 0.5, -0.5}, d, 0);
        // a zero target on a -infinitely-unlikely class costs nothing (no 0 * inf = NaN)
        Map<String, Tensor> far = inputs("logits", matrix(new double[][] {{1.7e308, -1.7e308}}), "labels", labels(0));
        assertEquals(0.0, loss(ce, far, mean));
    }

    @Test
    void confidentPredictionKeepsRelativeAccuracy() {
        // loss = log(1 + e^-40) = e^-40 (1 - e^-40 / 2 + ...), so e^-40 to 1e-17 relative
        Map<String, Tensor> in = inputs("logits", matrix(new double[][] {{40, 0}}), "labels", labels(0));
        assertEquals(Math.exp(-40), loss(ce, in, mean), 1e-15 * Math.exp(-40));
        // dlogits at the label = -(1 - softmax_0) = -e^-40 / (1 + e^-40), not 0 from 1 - 1
        assertEquals(-Math.exp(-40), grad(ce, in, mean, "dlogits").get(0), 1e-15 * Math.exp(-40));
    }

    @Test
    void emptyBatch() {
        Map<String, Tensor> in = inputs("logits", Tensor.zeros(0, 3), "labels", Tensor.ofIntegers(new int[] {0}, new long[0]));
        assertEquals(0.0, loss(ce, in, sum));
        assertTrue(Double.isNaN(loss(ce, in, mean)), "the mean of no samples is NaN, as PyTorch");
    }

    @Test
    void errorsNameComponentTensorAndShapes() {
        Tensor logits = Tensor.zeros(2, 3);
        assertContract(() -> ce.forward(inputs("logits", logits), mean), "softmax_cross_entropy", "exactly one of", "neither");
        assertContract(() -> ce.forward(inputs("logits", logits, "labels", labels(0, 1), "targets", Tensor.zeros(2, 3)), mean),
                "softmax_cross_entropy", "got both");
        assertContract(() -> ce.forward(inputs("logits", logits, "labels", labels(0, 3)), mean), "labels[1] = 3.0", "[0, 3)");
        assertContract(() -> ce.forward(inputs("logits", logits, "labels", labels(-1, 0)), mean), "labels[0] = -1.0");
        assertContract(() -> ce.forward(inputs("logits", logits, "labels", Tensor.vector(0, 1.5)), mean), "labels[1] = 1.5");
        assertContract(() -> ce.forward(inputs("logits", logits, "labels", labels(0, 1, 2)), mean), "'labels'", "[2]", "[3]");
        assertContract(() -> ce.forward(inputs("logits", logits, "targets", Tensor.zeros(2, 4)), mean), "'targets'", "[2, 3]",
                "[2, 4]");
        assertContract(() -> ce.forward(inputs("logits", logits, "targets", Tensor.filled(1.5, 2, 3)), mean), "'targets'",
                "probabilities");
        assertContract(() -> ce.forward(inputs("logits", Tensor.zeros(3), "labels", labels(0, 1, 2)), mean), "'logits'", "(N, C)");
        assertContract(() -> ce.backward(inputs("logits", logits, "labels", labels(0, 1)), Map.of("dloss", Tensor.zeros(2)), mean),
                "dloss");
        assertContract(() -> params("softmax_cross_entropy", "reduction", "avg"), "reduction", "avg");
        assertContract(() -> params("softmax_cross_entropy", "label_smoothing", 1.5), "label_smoothing");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> in = inputs("logits", matrix(new double[][] {{1, 2, 3}, {-1, 0, 5}}), "labels", labels(2, 0));
        Map<String, Tensor> before = Fixtures.snapshot(in);
        ce.forward(in, mean);
        ce.backward(in, Map.of("dloss", Tensor.scalar(3)), mean);
        assertEquals(before, in);
    }
}
