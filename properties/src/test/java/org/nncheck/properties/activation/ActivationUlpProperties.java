package org.nncheck.properties.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Check;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Oracle;
import org.nncheck.catalogue.Trait;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.oracle.BigOracle;

/**
 * Accuracy of the reference activations in ulp, measured against each catalogue entry's
 * {@link Oracle} (big-math, 50 significant digits) at every {@link Oracle.Accuracy} claim it
 * declares: element-wise, a logarithmic grid of +-10^e from 1e-300 to the claim's range (steps
 * of 0.5 decades below 1e-5 and above 1e3, 0.02 between), plus uniform random points (fixed
 * seed {@link Act#SEED}); for a vector oracle (softmax, log_softmax) random vectors of 1 to 6
 * entries at scales 30, 3, 1e-3 and the claim's range. The worst ulp of every function is
 * printed (Surefire output) and asserted against the claim's bound.
 *
 * <p>Every element-wise activation of the catalogue is measured: one without an oracle fails
 * unless its entry skips {@link Check#ACCURACY} with a reason.
 */
class ActivationUlpProperties {

    /** The worst error of one function. */
    private static final class Worst {
        double ulps;
        double at = Double.NaN;
        int points;

        void add(double u, double x) {
            points++;
            if (u > ulps || Double.isNaN(u)) {
                ulps = u;
                at = x;
            }
        }
    }

    private static final Map<String, Worst> REPORT = new LinkedHashMap<>();

    @AfterAll
    static void printReport() {
        System.out.println("nncheck activation accuracy (worst ulp vs 50-digit big-math oracle):");
        REPORT.forEach((name, w) -> System.out.printf("  %-34s worst %8.3f ulp at x = %-24s (%d points)%n", name, w.ulps, w.at,
                w.points));
    }

    /** Grid +-10^e, e from -300 to log10(maxAbs), plus {@code random} uniform points in [-maxAbs, maxAbs] (maxAbs <= 40). */
    static double[] points(double maxAbs, int random) {
        List<Double> p = new ArrayList<>();
        double top = Math.log10(maxAbs);
        for (double e = -300; e <= top + 1e-9; e += e < -5 || e > 3 ? 0.5 : 0.02) {
            double v = Math.min(maxAbs, Math.pow(10, e));
            p.add(v);
            p.add(-v);
        }
        p.add(0.0);
        SplittableRandom rnd = new SplittableRandom(Act.SEED);
        double r = Math.min(maxAbs, 40);
        for (int i = 0; i < random; i++) {
            p.add(-r + 2 * r * rnd.nextDouble());
        }
        for (int i = 0; i < random / 2; i++) {
            p.add(-4 + 8 * rnd.nextDouble());
        }
        return p.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void everyElementWiseActivationHasAnOracleOrSaysWhyNot() {
        List<String> missing = new ArrayList<>();
        for (Entry e : Catalogue.entries(Family.ACTIVATION)) {
            if (e.has(Trait.ELEMENTWISE) && e.oracle().isEmpty() && e.skipReason(Check.ACCURACY).isEmpty()) {
                missing.add(e.id());
            }
        }
        assertTrue(missing.isEmpty(), "element-wise activations without an oracle or a Check.ACCURACY skip: " + missing);
    }

    @TestFactory
    List<DynamicTest> everyOracleOfAnActivation() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : Catalogue.entries(Family.ACTIVATION)) {
            if (e.oracle().isEmpty()) {
                continue;
            }
            Oracle oracle = e.oracle().get();
            assertTrue(!oracle.accuracy().isEmpty(), e.id() + ": an activation's oracle states its accuracy claims");
            for (Oracle.Accuracy a : oracle.accuracy()) {
                String name = e.id() + (a.params().isEmpty() ? "" : a.params().toString());
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    if (oracle.derivative().isPresent()) {
                        measureElementWise(e, oracle, a, name);
                    } else {
                        measureVectors(e, oracle, a, name);
                    }
                }));
            }
        }
        assertTrue(tests.size() >= 12, "the activation oracles found: " + tests.size());
        return tests;
    }

    private static void measureElementWise(Entry e, Oracle oracle, Oracle.Accuracy a, String name) {
        Params p = e.params(a.params());
        Worst y = REPORT.computeIfAbsent(name, k -> new Worst());
        Worst d = REPORT.computeIfAbsent(name + "'", k -> new Worst());
        Oracle.ElementFunction dydx = oracle.derivative().orElseThrow();
        for (double x : points(a.range(), a.randomPoints())) {
            BigDecimal exact = oracle.exact().outputs(Map.of("x", Tensor.vector(x)), p).get("y")[0];
            y.add(Oracle.ulps(Act.y(e.id(), a.params(), x), exact), x);
            if (!Double.isNaN(a.derivativeUlps())) {
                BigDecimal exactD = dydx.at(BigOracle.big(x), p);
                double got = Act.dx(e.id(), a.params(), x);
                double err;
                if (a.derivativeScale() == null) {
                    err = Oracle.ulps(got, exactD);
                } else {
                    double s = Math.max(Math.abs(a.derivativeScale().at(x, p)), Math.abs(exactD.doubleValue()));
                    err = Oracle.ulpsOf(got, exactD, s);
                }
                d.add(err, x);
            }
        }
        assertWithin(name, y, a.outputUlps());
        if (!Double.isNaN(a.derivativeUlps())) {
            assertWithin(name + "'", d, a.derivativeUlps());
        } else {
            REPORT.remove(name + "'");
        }
    }

    /** Random vectors of 1 to 6 entries, the scale cycling 30, 3, 1e-3 and the claim's range. */
    private static void measureVectors(Entry e, Oracle oracle, Oracle.Accuracy a, String name) {
        String label = name + " (n <= 6, |x| <= " + a.range() + ")";
        Worst w = REPORT.computeIfAbsent(label, k -> new Worst());
        Params p = e.params(a.params());
        SplittableRandom rnd = new SplittableRandom(Act.SEED);
        for (int rep = 0; rep < a.randomPoints(); rep++) {
            int n = 1 + rnd.nextInt(6);
            double scale = rep % 4 == 0 ? 30 : rep % 4 == 1 ? 3 : rep % 4 == 2 ? 1e-3 : a.range();
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = scale * (2 * rnd.nextDouble() - 1);
            }
            Tensor got = Act.y(e.id(), a.params(), Tensor.vector(x));
            BigDecimal[] exact = oracle.exact().outputs(Map.of("x", Tensor.vector(x)), p).get("y");
            for (int i = 0; i < n; i++) {
                w.add(Oracle.ulps(got.get(i), exact[i]), x[i]);
            }
        }
        assertWithin(label, w, a.outputUlps());
    }

    private static void assertWithin(String name, Worst w, double bound) {
        assertTrue(w.ulps <= bound, name + ": worst error " + w.ulps + " ulp exceeds the bound " + bound + " (at x = " + w.at + ")");
    }

    /** The exact GELU's oracle: its continued fraction and its series for erfc agree where they meet (t = 6). */
    @Test
    void erfcOracleBranchesAgree() {
        BigDecimal six = BigDecimal.valueOf(6);
        BigDecimal series = BigOracle.erfcSeries(six);
        BigDecimal cf = BigOracle.erfcContinuedFraction(six, BigOracle.CF_DEPTH);
        assertTrue(series.subtract(cf).abs().compareTo(series.abs().movePointLeft(40)) < 0, "oracle erfc: " + series + " vs " + cf);
    }
}
