package org.nncheck.reference.regularizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

class RegularizerTest {

    static Params params(String id, Object... kv) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            raw.put((String) kv[i], kv[i + 1]);
        }
        return Catalogue.get(id).orElseThrow().params(raw);
    }

    private static final Tensor W = Tensor.vector(1, -2, 3, 0);

    private static double loss(Component c, Params p) {
        return c.forward(Map.of("w", W), p).get("loss").item();
    }

    private static double[] dw(Component c, Params p, double dloss) {
        return c.backward(Map.of("w", W), Map.of("dloss", Tensor.scalar(dloss)), p).get("dw").toArray();
    }

    private static void assertArray(double[] expected, double[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, "element " + i);
        }
    }

    @Test
    void l2HasNoOneHalf() {
        // lambda * sum w^2 = 0.1 * 14; dw = 2 lambda w
        Params p = params("l2", "lambda", 0.1);
        assertEquals(1.4, loss(new L2(), p), 1e-15);
        assertArray(new double[] {0.2, -0.4, 0.6, 0}, dw(new L2(), p, 1), 2e-16);
        assertArray(new double[] {0.6, -1.2, 1.8, 0}, dw(new L2(), p, 3), 1e-15);
    }

    @Test
    void l2WithHalfLambdaIsSgdWeightDecay() {
        // SPEC: weight decay theta (w -= lr * theta * w) equals l2 with lambda = theta / 2
        double theta = 0.3;
        assertArray(new double[] {theta, -2 * theta, 3 * theta, 0}, dw(new L2(), params("l2", "lambda", theta / 2), 1), 1e-16);
    }

    @Test
    void l1SubgradientZeroAtZero() {
        Params p = params("l1", "lambda", 0.1);
        assertEquals(0.6, loss(new L1(), p), 1e-15);
        assertArray(new double[] {0.1, -0.1, 0.1, 0}, dw(new L1(), p, 1), 0);
        assertArray(new double[] {0}, new L1().backward(Map.of("w", Tensor.vector(-0.0)), Map.of(), p).get("dw").toArray(), 0);
        assertEquals(0.0, org.nncheck.catalogue.Catalogue.get("l1").orElseThrow().kinks().distance(Map.of("w", W), p, "w", 3));
        assertEquals(2.0, org.nncheck.catalogue.Catalogue.get("l1").orElseThrow().kinks().distance(Map.of("w", W), p, "w", 1));
    }

    @Test
    void elasticNet() {
        // lambda * sum (beta w^2 + |w|) = 0.1 * (0.5 * 14 + 6) = 1.3; dw = lambda (2 beta w + sign w)
        Params p = params("elastic_net", "lambda", 0.1, "beta", 0.5);
        assertEquals(1.3, loss(new ElasticNet(), p), 1e-15);
        assertArray(new double[] {0.2, -0.3, 0.4, 0}, dw(new ElasticNet(), p, 1), 1e-16);
        // beta = 0 is l1, lambda * beta = l2's lambda plus l1
        Params l1Only = params("elastic_net", "lambda", 0.1, "beta", 0.0);
        assertEquals(loss(new L1(), params("l1", "lambda", 0.1)), loss(new ElasticNet(), l1Only), 0);
    }

    @Test
    void hugeWeightsWithTinyLambdaDoNotOverflow() {
        // (1e200)^2 overflows, 1e-100 * 2 * 1e400 = 2e300 does not
        Map<String, Tensor> w = Map.of("w", Tensor.vector(1e200, -1e200));
        assertEquals(2e300, new L2().forward(w, params("l2", "lambda", 1e-100)).get("loss").item(), 1e285);
        assertEquals(2e300, new ElasticNet().forward(w, params("elastic_net", "lambda", 1e-100, "beta", 1.0)).get("loss").item(),
                1e285);
    }

    @Test
    void parameterErrors() {
        ContractException e = assertThrows(ContractException.class, () -> params("l2"));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
        assertThrows(ContractException.class, () -> params("l1", "lambda", -1.0));
        assertThrows(ContractException.class, () -> params("elastic_net", "lambda", 1.0));
        assertThrows(ContractException.class, () -> params("max_norm"));
        assertThrows(ContractException.class, () -> params("max_norm", "c", 0.0));
    }

    @Test
    void inputsAreNotModified() {
        Tensor w = Tensor.vector(1, -2, 3);
        for (Component c : new Component[] {new L2(), new L1(), new ElasticNet()}) {
            Params p = c instanceof ElasticNet ? params(c.id(), "lambda", 0.5, "beta", 1.0) : params(c.id(), "lambda", 0.5);
            c.forward(Map.of("w", w), p);
            c.backward(Map.of("w", w), Map.of(), p);
        }
        new MaxNorm().forward(Map.of("w", w), params("max_norm", "c", 1.0));
        assertArray(new double[] {1, -2, 3}, w.toArray(), 0);
    }
}
