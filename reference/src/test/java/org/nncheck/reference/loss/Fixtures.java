package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Small builders shared by the loss tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Tensor matrix(double[][] rows) {
        int n = rows.length;
        int c = rows[0].length;
        double[] d = new double[n * c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return Tensor.of(new int[] {n, c}, d);
    }

    static Tensor labels(long... l) {
        return Tensor.ofIntegers(new int[] {l.length}, l);
    }

    /** Alternating name, tensor pairs. */
    static Map<String, Tensor> inputs(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Tensor) kv[i + 1]);
        }
        return m;
    }

    /** Validated parameters of a catalogue id from alternating name, value pairs. */
    static Params params(String id, Object... kv) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            raw.put((String) kv[i], kv[i + 1]);
        }
        return entry(id).params(raw);
    }

    static Entry entry(String id) {
        return Catalogue.get(id).orElseThrow();
    }

    static double loss(Component c, Map<String, Tensor> in, Params p) {
        return c.forward(in, p).get("loss").item();
    }

    static Tensor grad(Component c, Map<String, Tensor> in, Params p, String name) {
        return c.backward(in, Map.of(), p).get(name);
    }

    static Tensor grad(Component c, Map<String, Tensor> in, double dloss, Params p, String name) {
        return c.backward(in, Map.of("dloss", Tensor.scalar(dloss)), p).get(name);
    }

    static void assertArray(double[] expected, Tensor actual, double tol) {
        assertEquals(expected.length, actual.size(), "size");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i), tol * Math.max(1, Math.abs(expected[i])), "element " + i);
        }
    }

    /** Asserts a ContractException whose message contains every fragment. */
    static void assertContract(Runnable r, String... fragments) {
        ContractException e = assertThrows(ContractException.class, r::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    /** Copies of the tensors, to show afterwards that a call left its inputs unchanged. */
    static Map<String, Tensor> snapshot(Map<String, Tensor> in) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        in.forEach((k, v) -> m.put(k, v.isIntegral() ? Tensor.integralOf(v.shape(), v.toArray()) : Tensor.of(v.shape(), v.toArray())));
        return m;
    }
}
