package org.nncheck.properties.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Trait;
import org.nncheck.core.Tensor;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * No NaN and no overflow for finite inputs up to +-1e300 where the true value is finite, for
 * every activation, every parameter set of its catalogue entry, forward and backward
 * (QuickTheories, fixed seed {@link Act#SEED}).
 */
class ActivationExtremesProperties {

    /** The element-wise activations: every entry with {@link Trait#ELEMENTWISE}. */
    private static final List<String> ELEMENTWISE = Catalogue.entries().stream().filter(e -> e.has(Trait.ELEMENTWISE))
            .map(Entry::id).toList();
    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        1e-300, -1e-300, 700, -700, 709.8, -709.8, 745.2, -745.2, 1e300, -1e300, 37.5, -37.5, 38.6, -38.6, 40.01, -40.01};

    private static QuickTheory qt() {
        return QuickTheory.qt().withFixedSeed(Act.SEED).withExamples(400);
    }

    /** sign * 10^e with e uniform in [-300, 300]: every scale from 1e-300 to 1e300. */
    private static Gen<Double> logUniform(double maxExponent) {
        return doubles().between(-300, maxExponent).zip(booleans().all(), (e, neg) -> (neg ? -1 : 1) * Math.pow(10, e));
    }

    private static void assertFinite(Tensor t, String what) {
        for (int i = 0; i < t.size(); i++) {
            double v = t.get(i);
            assertTrue(Double.isFinite(v), what + ": element " + i + " is " + v);
        }
    }

    private static void checkElementwise(double x) {
        for (String id : ELEMENTWISE) {
            Entry e = Act.entry(id);
            for (Map<String, Object> p : e.sampleParams()) {
                double y = Act.y(id, p, x);
                double dx = Act.dx(id, p, x);
                assertTrue(Double.isFinite(y) && Double.isFinite(dx), id + " " + p + " at x = " + x + ": y " + y + ", dx " + dx);
            }
        }
    }

    @Test
    void elementwiseActivationsStayFinite() {
        for (double x : SPECIAL) {
            checkElementwise(x);
        }
        Act.withSeed("element-wise finite up to 1e300", () -> qt().forAll(logUniform(300)).checkAssert(
                ActivationExtremesProperties::checkElementwise));
    }

    @Test
    void softmaxAndLogSoftmaxStayFinite() {
        Act.withSeed("softmax finite up to 1e300", () -> qt().forAll(lists().of(logUniform(300)).ofSizeBetween(1, 8))
                .checkAssert(xs -> {
                    Tensor x = Tensor.vector(xs.stream().mapToDouble(Double::doubleValue).toArray());
                    Tensor dy = x.map(v -> Math.signum(v) + 0.5);
                    for (String id : List.of("softmax", "log_softmax")) {
                        assertFinite(Act.y(id, Map.of(), x), id + " y of " + xs);
                        assertFinite(Act.backward(id, Map.of(), Map.of("x", x), dy).get("dx"), id + " dx of " + xs);
                    }
                }));
    }

    @Test
    void preluStaysFinite() {
        Act.withSeed("prelu finite up to 1e300", () -> qt().forAll(lists().of(logUniform(300)).ofSize(6),
                doubles().between(-1, 1), booleans().all()).checkAssert((xs, a, shared) -> {
                    Tensor x = Tensor.vector(xs.stream().mapToDouble(Double::doubleValue).toArray()).reshape(2, 3);
                    Tensor alpha = shared ? Tensor.vector(a) : Tensor.vector(a, -a / 2, a / 3);
                    Map<String, Tensor> in = Map.of("x", x, "alpha", alpha);
                    assertFinite(Act.forward("prelu", Map.of(), in).get("y"), "prelu y");
                    Map<String, Tensor> g = Act.backward("prelu", Map.of(), in, Tensor.filled(1.0, 2, 3));
                    assertFinite(g.get("dx"), "prelu dx");
                    assertFinite(g.get("dalpha"), "prelu dalpha of " + xs);
                }));
    }

    @Test
    void maxoutStaysFinite() {
        // |x w| <= 1e300 per term and D <= 3 terms plus b: the true outputs are finite
        Act.withSeed("maxout finite", () -> qt().forAll(lists().of(logUniform(150)).ofSize(2 * 3 + 2 * 3 * 2),
                lists().of(logUniform(300)).ofSize(2 * 2)).checkAssert((xw, bs) -> {
                    double[] v = xw.stream().mapToDouble(Double::doubleValue).toArray();
                    double[] xd = java.util.Arrays.copyOfRange(v, 0, 6);
                    double[] wd = java.util.Arrays.copyOfRange(v, 6, 18);
                    Map<String, Tensor> in = Map.of("x", Tensor.of(new int[] {2, 3}, xd), "w", Tensor.of(new int[] {2, 3, 2}, wd),
                            "b", Tensor.of(new int[] {2, 2}, bs.stream().mapToDouble(Double::doubleValue).toArray()).map(b -> b / 10));
                    assertFinite(Act.forward("maxout", Map.of(), in).get("y"), "maxout y");
                    Map<String, Tensor> g = Act.backward("maxout", Map.of(), in, Tensor.filled(1.0, 2, 2));
                    assertFinite(g.get("dx"), "maxout dx");
                    assertFinite(g.get("dw"), "maxout dw");
                    assertFinite(g.get("db"), "maxout db");
                }));
    }
}
