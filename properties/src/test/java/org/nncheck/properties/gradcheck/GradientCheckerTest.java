package org.nncheck.properties.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.ErrorTier;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;
import org.nncheck.gradcheck.KinkStatus;
import org.nncheck.gradcheck.TensorReport;
import org.nncheck.reference.activation.Relu;
import org.nncheck.reference.activation.Sigmoid;

/**
 * Self-tests of the gradient checker: it must accept right gradients (also at and near kinks)
 * and catch deliberately wrong ones (a scale error, a missing term, a wrong sign, a gradient at
 * the wrong element, an undeclared kink), in dense and directional mode.
 */
class GradientCheckerTest {

    private static final Params NO_PARAMS = Params.of("test", List.of(), Map.of());
    private static final double TOL = 1e-6;

    private static Tensor normal(long seed, double std, int... shape) {
        return Samples.normal(new SplittableRandom(seed), 0, std, shape);
    }

    private static GradCheckResult check(Component c, Map<String, Tensor> inputs, String... diff) {
        return new GradientChecker().check(c, inputs, NO_PARAMS, List.of(diff));
    }

    /** The reference relu checked with the kinks of its catalogue entry (x = 0). */
    private static GradCheckResult checkRelu(GradientChecker checker, Tensor x) {
        return checker.check(new Relu(), Map.of("x", x), NO_PARAMS, List.of("x"), null,
                org.nncheck.catalogue.Catalogue.get("relu").orElseThrow().kinks());
    }

    /** Sigmoid whose dx is scaled by {@code factor} (1 = right). */
    static class ScaledSigmoid implements Component {
        private final double factor;

        ScaledSigmoid(double factor) {
            this.factor = factor;
        }

        @Override
        public String id() {
            return "scaled_sigmoid";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            return Map.of("y", in.get("x").map(Sigmoid::sigmoid));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = in.get("x");
            Tensor dy = up.get("dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double s = Sigmoid.sigmoid(x.get(i));
                dx[i] = dy.get(i) * s * (1 - s) * factor;
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }
    }

    /** Row centering y = x - mean(x, row); {@code missingTerm} forgets the -mean(dy) term. */
    static final class Center implements Component {
        private final boolean missingTerm;

        Center(boolean missingTerm) {
            this.missingTerm = missingTerm;
        }

        @Override
        public String id() {
            return "center";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor x = in.get("x");
            int n = x.dim(0);
            int d = x.dim(1);
            double[] y = x.toArray();
            for (int r = 0; r < n; r++) {
                double m = 0;
                for (int c = 0; c < d; c++) {
                    m += y[r * d + c];
                }
                m /= d;
                for (int c = 0; c < d; c++) {
                    y[r * d + c] -= m;
                }
            }
            return Map.of("y", Tensor.wrap(x.shape(), y));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = in.get("x");
            Tensor dy = up.get("dy");
            int n = x.dim(0);
            int d = x.dim(1);
            double[] dx = dy.toArray();
            if (!missingTerm) {
                for (int r = 0; r < n; r++) {
                    double m = 0;
                    for (int c = 0; c < d; c++) {
                        m += dx[r * d + c];
                    }
                    m /= d;
                    for (int c = 0; c < d; c++) {
                        dx[r * d + c] -= m;
                    }
                }
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }
    }

    /**
     * y = x * w (matrix product, x (N,D), w (D,M)); bugs: a wrong sign of dw, or dx with its
     * first two elements swapped (the gradient of the wrong element).
     */
    static class MatMul implements Component {
        enum Bug { NONE, WRONG_SIGN_DW, SWAPPED_DX }

        private final Bug bug;

        MatMul(Bug bug) {
            this.bug = bug;
        }

        @Override
        public String id() {
            return "matmul";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor x = in.get("x");
            Tensor w = in.get("w");
            int n = x.dim(0);
            int d = x.dim(1);
            int m = w.dim(1);
            double[] y = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += x.at(i, k) * w.at(k, j);
                    }
                    y[i * m + j] = s;
                }
            }
            return Map.of("y", Tensor.wrap(new int[] {n, m}, y));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = in.get("x");
            Tensor w = in.get("w");
            Tensor dy = up.get("dy");
            int n = x.dim(0);
            int d = x.dim(1);
            int m = w.dim(1);
            double[] dx = new double[n * d];
            double[] dw = new double[d * m];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    for (int j = 0; j < m; j++) {
                        dx[i * d + k] += dy.at(i, j) * w.at(k, j);
                        dw[k * m + j] += x.at(i, k) * dy.at(i, j);
                    }
                }
            }
            if (bug == Bug.WRONG_SIGN_DW) {
                for (int k = 0; k < dw.length; k++) {
                    dw[k] = -dw[k];
                }
            }
            if (bug == Bug.SWAPPED_DX) {
                double t = dx[0];
                dx[0] = dx[1];
                dx[1] = t;
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx), "dw", Tensor.wrap(w.shape(), dw));
        }
    }

    /** Relu with a chosen derivative at exactly 0 and chosen declared kinks. */
    static final class CustomRelu implements Component {
        private final double derivativeAtZero;
        private final Kinks kinks;

        CustomRelu(double derivativeAtZero, Kinks kinks) {
            this.derivativeAtZero = derivativeAtZero;
            this.kinks = kinks;
        }

        @Override
        public String id() {
            return "custom_relu";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            return new Relu().forward(in, p);
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = in.get("x");
            Tensor dy = up.get("dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double v = x.get(i);
                dx[i] = dy.get(i) * (v > 0 ? 1 : v == 0 ? derivativeAtZero : 0);
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }

        @Override
        public Kinks kinks() {
            return kinks;
        }
    }

    /** y_i = max(a_i, b_i), data-dependent kinks where a_i = b_i; the gradient goes to a on ties. */
    static final class PairMax implements Component {
        @Override
        public String id() {
            return "pair_max";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor a = in.get("a");
            Tensor b = in.get("b");
            double[] y = new double[a.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.max(a.get(i), b.get(i));
            }
            return Map.of("y", Tensor.wrap(a.shape(), y));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor a = in.get("a");
            Tensor b = in.get("b");
            Tensor dy = up.get("dy");
            double[] da = new double[a.size()];
            double[] db = new double[a.size()];
            for (int i = 0; i < da.length; i++) {
                if (a.get(i) >= b.get(i)) {
                    da[i] = dy.get(i);
                } else {
                    db[i] = dy.get(i);
                }
            }
            return Map.of("da", Tensor.wrap(a.shape(), da), "db", Tensor.wrap(a.shape(), db));
        }

        @Override
        public Kinks kinks() {
            return Kinks.dataDependent("a_i = b_i");
        }
    }

    /**
     * PReLU with one shared learned alpha: y = x if x &gt; 0 else alpha x; dalpha = sum dy x over
     * x &lt;= 0. {@code dalphaBug} forgets the factor x in dalpha.
     */
    static final class SharedPrelu implements Component {
        private final boolean dalphaBug;

        SharedPrelu(boolean dalphaBug) {
            this.dalphaBug = dalphaBug;
        }

        @Override
        public String id() {
            return "shared_prelu";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            double alpha = in.get("alpha").get(0);
            return Map.of("y", in.get("x").map(v -> v > 0 ? v : alpha * v));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = in.get("x");
            Tensor dy = Inputs.upstream(id(), up, "dy", x);
            double alpha = in.get("alpha").get(0);
            double[] dx = new double[x.size()];
            double dalpha = 0;
            for (int i = 0; i < dx.length; i++) {
                double v = x.get(i);
                dx[i] = dy.get(i) * (v > 0 ? 1 : alpha);
                if (v <= 0) {
                    dalpha += dy.get(i) * (dalphaBug ? 1 : v);
                }
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx), "dalpha", Tensor.vector(dalpha));
        }

        @Override
        public Kinks kinks() {
            return Kinks.atPoints("x", 0.0);
        }
    }

    // ---- right gradients are accepted ----

    @Test
    void acceptsSigmoidWithRichardsonToNearRoundoff() {
        GradCheckResult r = check(new Sigmoid(), Map.of("x", normal(1, 3, 5, 7)), "x");
        r.assertPasses(1e-9);
        assertEquals(ErrorTier.GOOD, r.tensor("x").orElseThrow().tier());
        assertEquals(35, r.tensor("x").orElseThrow().checked());
    }

    /**
     * Richardson extrapolation removes the h^2 term: at step 1e-3 the plain central difference of
     * sigmoid is off by about h^2 |f3| / 6 ~ 1e-8 relative (f3 the third derivative), the
     * extrapolated one by O(h^4) plus rounding (eps |f| / h ~ 1e-13).
     */
    @Test
    void richardsonIsOrdersOfMagnitudeMoreAccurateThanPlainCentralDifferences() {
        Map<String, Tensor> in = Map.of("x", Tensor.vector(0.7, -1.3, 2.1));
        GradientChecker.Options o = GradientChecker.Options.defaults().withStep(1e-3);
        double plain = new GradientChecker(o.withRichardson(false)).check(new Sigmoid(), in, NO_PARAMS, List.of("x"))
                .tensor("x").orElseThrow().rawRelError();
        double rich = new GradientChecker(o).check(new Sigmoid(), in, NO_PARAMS, List.of("x"))
                .tensor("x").orElseThrow().rawRelError();
        assertTrue(plain > 1e-9, "plain " + plain);
        assertTrue(rich < 1e-11, "richardson " + rich);
    }

    @Test
    void acceptsSigmoidWithoutRichardsonAtPyTorchStep() {
        GradientChecker plain = new GradientChecker(GradientChecker.Options.defaults().withRichardson(false).withStep(1e-6));
        GradCheckResult r = plain.check(new Sigmoid(), Map.of("x", normal(2, 3, 4, 4)), NO_PARAMS, List.of("x"));
        r.assertPasses(1e-6);
    }

    @Test
    void acceptsEveryTensorOfAMatMulIncludingAParameterLikeTensor() {
        GradCheckResult r = check(new MatMul(MatMul.Bug.NONE), Map.of("x", normal(3, 1, 4, 3), "w", normal(4, 1, 3, 5)),
                "x", "w");
        r.assertPasses(1e-8);
        assertEquals(2, r.tensors().size());
    }

    @Test
    void acceptsReluAtExactlyZeroWithSubgradientZero() {
        Tensor x = Tensor.vector(-1.5, 0.0, 0.7, 0.0, 2.0);
        GradCheckResult r = checkRelu(new GradientChecker(), x);
        r.assertPasses(1e-9);
        TensorReport t = r.tensor("x").orElseThrow();
        assertEquals(2, t.kinkCount(), "two elements sit exactly on the kink");
        assertTrue(r.anyKink());
    }

    @Test
    void acceptsAnyValueBetweenTheSlopesAtAKinkButNotOutside() {
        Tensor x = Tensor.vector(0.0, 1.0);
        Kinks atZero = Kinks.atPoints("x", 0.0);
        check(new CustomRelu(0.5, atZero), Map.of("x", x), "x").assertPasses(1e-9);
        check(new CustomRelu(1.0, atZero), Map.of("x", x), "x").assertPasses(1e-9);
        GradCheckResult outside = check(new CustomRelu(2.0, atZero), Map.of("x", x), "x");
        assertFalse(outside.passed(1e-2), outside.table());
        assertEquals(KinkStatus.AT_KINK_SUBGRADIENT, outside.tensor("x").orElseThrow().kink());
    }

    @Test
    void usesOneSidedDifferencesNearADeclaredKink() {
        // 1e-5 and -3e-5 are closer than 2h = 2 * 2^-14 to the kink at 0: central differences would cross it
        Tensor x = Tensor.vector(1e-5, -3e-5, 0.8);
        GradCheckResult r = checkRelu(new GradientChecker(), x);
        r.assertPasses(1e-9);
        assertEquals(2, r.tensor("x").orElseThrow().kinkCount());
    }

    @Test
    void reportsACrossedDataDependentKinkAndAcceptsASubgradient() {
        Tensor a = Tensor.vector(0.3, 1.0, -2.0);
        Tensor b = Tensor.vector(0.3 + 1e-6, 0.0, -1.0); // first pair within one step of the tie
        GradCheckResult r = check(new PairMax(), Map.of("a", a, "b", b), "a", "b");
        r.assertPasses(1e-9);
        TensorReport ra = r.tensor("a").orElseThrow();
        assertEquals(1, ra.kinkCount(), r.table());
        assertEquals(KinkStatus.KINK_CROSSED, ra.kink(), r.table());
        assertEquals(0, ra.undeclaredKinks());
    }

    @Test
    void nearZeroGradientsGiveNoFalseAlarm() {
        // sigmoid'(x) ~ e^-|x| at x = +-35 is ~ 6e-16, next to gradients of order 0.2
        Tensor x = Tensor.vector(35.0, -35.0, 0.1, -0.4);
        check(new Sigmoid(), Map.of("x", x), "x").assertPasses(1e-9);
    }

    // ---- wrong gradients are caught ----

    @Test
    void catchesAOnePercentScaleError() {
        GradCheckResult r = check(new ScaledSigmoid(1.01), Map.of("x", normal(5, 2, 3, 4)), "x");
        assertFalse(r.passed(1e-3), r.table());
        TensorReport t = r.tensor("x").orElseThrow();
        assertEquals(ErrorTier.SUSPICIOUS, t.tier(), r.table());
        // rel = 0.01 a / (1.01 a) for every element (formula of the CS231n relative error)
        assertEquals(0.01 / 1.01, t.relError(), 1e-6);
        assertEquals(12, t.countAbove(1e-3));
        AssertionError e = assertThrows(AssertionError.class, () -> r.assertPasses(1e-6));
        assertTrue(e.getMessage().contains("dx") && e.getMessage().contains("FAIL"), e.getMessage());
    }

    @Test
    void catchesAMissingTerm() {
        GradCheckResult r = check(new Center(true), Map.of("x", normal(6, 1, 3, 4)), "x");
        assertFalse(r.passed(1e-2), r.table());
        check(new Center(false), Map.of("x", normal(6, 1, 3, 4)), "x").assertPasses(1e-8);
    }

    @Test
    void catchesAWrongSignAndNamesTheTensor() {
        GradCheckResult r = check(new MatMul(MatMul.Bug.WRONG_SIGN_DW), Map.of("x", normal(7, 1, 3, 2), "w", normal(8, 1, 2, 3)),
                "x", "w");
        assertFalse(r.passed(1e-2));
        assertTrue(r.tensor("x").orElseThrow().passed(1e-8), r.table());
        TensorReport w = r.tensor("w").orElseThrow();
        assertEquals(ErrorTier.WRONG, w.tier());
        // a = -n: |a - n| / max(|a|, |n|) = 2 |n| / |n| = 2 at every element
        assertEquals(2.0, w.relError(), 1e-6, r.table());
    }

    @Test
    void catchesTheGradientOfTheWrongElementAndPointsAtIt() {
        GradCheckResult r = check(new MatMul(MatMul.Bug.SWAPPED_DX), Map.of("x", normal(9, 1, 3, 2), "w", normal(10, 1, 2, 3)),
                "x", "w");
        assertFalse(r.passed(1e-2), r.table());
        TensorReport x = r.tensor("x").orElseThrow();
        int[] worst = x.worstIndex();
        assertNotNull(worst);
        assertEquals(0, worst[0]);
        assertTrue(worst[1] == 0 || worst[1] == 1, r.table());
        assertEquals(2, x.countAbove(1e-2), r.table());
        assertTrue(r.tensor("w").orElseThrow().passed(1e-8));
    }

    @Test
    void catchesAWrongParameterGradient() {
        Map<String, Tensor> in = Map.of("x", Samples.awayFrom(new SplittableRandom(11), 1, 0.01, new double[] {0}, 4, 3),
                "alpha", Tensor.vector(0.25));
        check(new SharedPrelu(false), in, "x", "alpha").assertPasses(1e-8);
        GradCheckResult r = check(new SharedPrelu(true), in, "x", "alpha");
        assertFalse(r.passed(1e-2), r.table());
        assertTrue(r.tensor("x").orElseThrow().passed(1e-8));
        assertFalse(r.tensor("alpha").orElseThrow().passed(1e-2));
    }

    @Test
    void reportsAnUndeclaredKinkAsAFailure() {
        Tensor x = Tensor.vector(0.0, 1e-5, 0.5);
        GradCheckResult r = check(new CustomRelu(0.0, Kinks.NONE), Map.of("x", x), "x");
        assertFalse(r.passed(1e-2), r.table());
        TensorReport t = r.tensor("x").orElseThrow();
        assertTrue(t.undeclaredKinks() >= 1, r.table());
        assertTrue(r.table().contains("declares no kink"), r.table());
    }

    @Test
    void failsWhenTheBackwardOmitsAGradient() {
        Component noDw = new MatMul(MatMul.Bug.NONE) {
            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                return Map.of("dx", super.backward(in, up, p).get("dx"));
            }
        };
        GradCheckResult r = check(noDw, Map.of("x", normal(3, 1, 2, 2), "w", normal(4, 1, 2, 2)), "x", "w");
        assertFalse(r.passed(1), r.table());
        assertTrue(r.tensor("w").orElseThrow().problem().contains("no 'dw'"));
    }

    @Test
    void failsWhenTheComponentHasNoBackward() {
        Component noBackward = new Component() {
            @Override
            public String id() {
                return "no_backward";
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                return Map.of("y", in.get("x"));
            }
        };
        GradCheckResult r = check(noBackward, Map.of("x", Tensor.vector(1, 2)), "x");
        assertFalse(r.passed(1));
        assertTrue(r.problems().get(0).contains("backward threw"));
    }

    // ---- directional mode ----

    @Test
    void directionalModeAcceptsRightGradientsOfALargeTensor() {
        GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional());
        GradCheckResult r = dir.check(new Sigmoid(), Map.of("x", normal(12, 2, 64, 64)), NO_PARAMS, List.of("x"));
        r.assertPasses(1e-8);
        TensorReport t = r.tensor("x").orElseThrow();
        assertEquals(TensorReport.CheckMode.DIRECTIONAL, t.mode());
        assertEquals(4, t.checked());
    }

    @Test
    void directionalModeChecksNearKinkElementsDensely() {
        double[] v = normal(13, 1, 400).toArray();
        v[17] = 0.0;
        v[123] = 2e-5;
        GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional());
        GradCheckResult r = checkRelu(dir, Tensor.of(new int[] {400}, v));
        r.assertPasses(1e-8);
        assertTrue(r.tensor("x").orElseThrow().checked() >= 4 + 2, r.table());
    }

    /**
     * A bug in one element of a 4096-element tensor (its gradient doubled) is caught by 4 random
     * directions. Per direction the bug changes {@code <a, w>} by {@code a_j w_j}; it is missed
     * only if {@code |a_j w_j| <= tol |<a, w>|}, probability about {@code 0.8 tol sqrt(N)} = 5e-5
     * at tol = 1e-6 per direction, so missing it with all 4 is far below 1e-15; 20 seeds are
     * run, every one must catch it.
     */
    @Test
    void directionalModeCatchesASingleWrongElementOfALargeTensor() {
        Component oneWrong = new ScaledSigmoid(1.0) {
            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                Tensor dx = super.backward(in, up, p).get("dx");
                return Map.of("dx", dx.with(2345, 2 * dx.get(2345)));
            }
        };
        Tensor x = normal(14, 1, 64, 64);
        int caught = 0;
        for (long seed = 1; seed <= 20; seed++) {
            GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional().withSeed(seed));
            if (!dir.check(oneWrong, Map.of("x", x), NO_PARAMS, List.of("x")).passed(1e-6)) {
                caught++;
            }
        }
        assertEquals(20, caught);
    }

    @Test
    void directionalModeReportsDataDependentKinkCrossings() {
        double[] av = normal(15, 1, 300).toArray();
        double[] bv = normal(16, 1, 300).toArray();
        bv[5] = av[5]; // an exact tie: every direction crosses it
        GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional());
        GradCheckResult r = dir.check(new PairMax(), Map.of("a", Tensor.of(new int[] {300}, av), "b",
                Tensor.of(new int[] {300}, bv)), NO_PARAMS, List.of("a", "b"));
        r.assertPasses(1e-8);
        assertTrue(r.anyKink(), r.table());
    }

    @Test
    void theResultIsReproducibleFromItsSeed() {
        Map<String, Tensor> in = Map.of("x", normal(5, 2, 3, 4));
        GradCheckResult r1 = check(new ScaledSigmoid(1.01), in, "x");
        GradCheckResult r2 = check(new ScaledSigmoid(1.01), in, "x");
        assertEquals(r1.table(), r2.table());
    }
}
