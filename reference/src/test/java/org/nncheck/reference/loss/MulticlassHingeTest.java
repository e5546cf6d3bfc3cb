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

class MulticlassHingeTest {
    private final MulticlassHinge hinge = new MulticlassHinge();
    private static final org.nncheck.core.Kinks HINGE_KINKS = MulticlassHinge.marginKinks();
    private final Params mean = params("multiclass_hinge");

    @Test
    void cs231nNotesExample() {
        // CS231n "Linear classification", Multiclass SVM loss: scores [13, -7, 11], correct class 0,
        // Delta = 10: max(0, -7 - 13 + 10) + max(0, 11 - 13 + 10) = 0 + 8 = 8
        Map<String, Tensor> in = inputs("scores", matrix(new double[][] {{13, -7, 11}}), "labels", labels(0));
        Params p = params("multiclass_hinge", "margin", 10.0);
        assertEquals(8.0, loss(hinge, in, p), 0);
        // only the j = 2 term is active: +1 at j = 2, -1 at the correct class
        assertArray(new double[] {-1, 0, 1}, grad(hinge, in, p, "dscores"), 0);
    }

    @Test
    void cs231nLectureThreeExamples() {
        // CS231n lecture 3 slides (cat / car / frog): losses 2.9, 0, 12.9, mean 15.8 / 3 (shown rounded as 5.27), Delta = 1
        Map<String, Tensor> in = inputs("scores", matrix(new double[][] {{3.2, 5.1, -1.7}, {1.3, 4.9, 2.0}, {2.2, 2.5, -3.1}}),
                "labels", labels(0, 1, 2));
        assertEquals(15.8 / 3, loss(hinge, in, mean), 1e-14);
        assertEquals(15.8, loss(hinge, in, params("multiclass_hinge", "reduction", "sum")), 1e-14);
        // row 0: j = 1 active (2.9), j = 2 inactive; row 1: none; row 2: both active (6.3 + 6.6), -2 at the label
        double third = 1.0 / 3;
        assertArray(new double[] {-third, third, 0, 0, 0, 0, third, third, -2 * third}, grad(hinge, in, mean, "dscores"), 1e-15);
    }

    @Test
    void kinkTakesTheZeroSubgradient() {
        // s_1 - s_0 + 1 = 0 exactly: the term is inactive, gradient 0 (PyTorch multi_margin_loss_backward)
        Map<String, Tensor> in = inputs("scores", matrix(new double[][] {{1, 0}}), "labels", labels(0));
        assertEquals(0.0, loss(hinge, in, mean));
        assertArray(new double[] {0, 0}, grad(hinge, in, mean, "dscores"), 0);
        assertEquals(0.0, HINGE_KINKS.distance(in, mean, "scores", 1));
        assertEquals(0.0, HINGE_KINKS.distance(in, mean, "scores", 0));
    }

    @Test
    void kinkDistanceIsExact() {
        Map<String, Tensor> in = inputs("scores", matrix(new double[][] {{0.5, 0.25, -1}}), "labels", labels(0));
        // terms: j = 1: 0.25 - 0.5 + 1 = 0.75; j = 2: -1 - 0.5 + 1 = -0.5
        assertEquals(0.75, HINGE_KINKS.distance(in, mean, "scores", 1));
        assertEquals(0.5, HINGE_KINKS.distance(in, mean, "scores", 2));
        assertEquals(0.5, HINGE_KINKS.distance(in, mean, "scores", 0));
        assertEquals(Double.POSITIVE_INFINITY, HINGE_KINKS.distance(in, mean, "labels", 0));
    }

    @Test
    void correctClassTermAndPyTorchDivisionAreAlternativesOnly() {
        Map<String, Tensor> in = inputs("scores", matrix(new double[][] {{13, -7, 11}}), "labels", labels(0));
        Params p = params("multiclass_hinge", "margin", 10.0);
        assertEquals(18.0, loss(new MulticlassHingeCountingCorrectClass(), in, p), 0);
        assertEquals(8.0 / 3, loss(new RescaledLoss(new MulticlassHinge(), (i, q) -> 1.0 / 3), in, p), 1e-15);
    }

    @Test
    void errors() {
        assertContract(() -> hinge.forward(inputs("scores", Tensor.zeros(2, 3), "labels", labels(0, 3)), mean), "multiclass_hinge",
                "labels[1] = 3.0");
        assertContract(() -> hinge.forward(inputs("scores", Tensor.zeros(2, 3, 1), "labels", labels(0, 1)), mean), "'scores'");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> in = inputs("scores", matrix(new double[][] {{3.2, 5.1, -1.7}}), "labels", labels(0));
        Map<String, Tensor> before = Fixtures.snapshot(in);
        hinge.forward(in, mean);
        hinge.backward(in, Map.of(), mean);
        assertEquals(before, in);
    }
}
