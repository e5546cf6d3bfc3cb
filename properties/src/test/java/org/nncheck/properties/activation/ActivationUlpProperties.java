package org.nncheck.properties.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Tensor;

/**
 * Accuracy of the reference activations in ulp, measured against {@link BigOracle} (big-math,
 * 50 significant digits) over a fixed set of points: a logarithmic grid of +-10^e from 1e-300
 * to the end of each function's interesting range (steps of 0.5 decades below 1e-5, 0.02
 * above), plus uniform random points (fixed seed {@link Act#SEED}). The worst ulp of every
 * function is printed (Surefire output) and asserted against a bound.
 *
 * <p>Derivatives with a root (the GELU derivatives vanish near x = -0.75) are measured in ulp
 * of the magnitude of the largest term of their sum, {@code max(|f'|, (|x| + 1) phi(x))} (within
 * a factor 2 of {@code max(Phi(x), |x| phi(x))}) or {@code max(|f'|, sigmoid(2u))}: near a root
 * no double evaluation has a small relative error (the condition number is infinite there).
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

    private static double measure(String name, double[] xs, DoubleUnaryOperator f, Function<BigDecimal, BigDecimal> oracle) {
        Worst w = REPORT.computeIfAbsent(name, k -> new Worst());
        for (double x : xs) {
            w.add(BigOracle.ulps(f.applyAsDouble(x), oracle.apply(BigOracle.big(x))), x);
        }
        return w.ulps;
    }

    /** Error in ulp of {@code scale(x)} (the largest term of a sum that may cancel). */
    private static double measureScaled(String name, double[] xs, DoubleUnaryOperator f, Function<BigDecimal, BigDecimal> oracle,
            DoubleUnaryOperator scale) {
        Worst w = REPORT.computeIfAbsent(name, k -> new Worst());
        for (double x : xs) {
            BigDecimal exact = oracle.apply(BigOracle.big(x));
            double s = Math.max(Math.abs(scale.applyAsDouble(x)), Math.abs(exact.doubleValue()));
            double ulp = Math.ulp(s == 0 ? Double.MIN_VALUE : s);
            double err = BigOracle.big(f.applyAsDouble(x)).subtract(exact).abs().divide(BigOracle.big(ulp),
                    java.math.MathContext.DECIMAL64).doubleValue();
            w.add(err, x);
        }
        return w.ulps;
    }

    private static void assertWithin(String name, double worst, double bound) {
        assertTrue(worst <= bound, name + ": worst error " + worst + " ulp exceeds the bound " + bound + " (at x = "
                + REPORT.get(name).at + ")");
    }

    @Test
    void sigmoid() {
        double[] xs = points(745, 1500);
        assertWithin("sigmoid", measure("sigmoid", xs, v -> Act.y("sigmoid", Map.of(), v), BigOracle::sigmoid), 3);
        assertWithin("sigmoid'", measure("sigmoid'", xs, v -> Act.dx("sigmoid", Map.of(), v), BigOracle::sigmoidDerivative), 5);
    }

    @Test
    void tanh() {
        double[] xs = points(380, 1500);
        assertWithin("tanh", measure("tanh", xs, v -> Act.y("tanh", Map.of(), v), BigOracle::tanh), 3);
        assertWithin("tanh'", measure("tanh'", xs, v -> Act.dx("tanh", Map.of(), v), BigOracle::tanhDerivative), 5);
    }

    @Test
    void eluAndSelu() {
        double[] xs = points(745, 1500);
        // one oracle e^x and e^x - 1 per point, shared by the four functions
        Map<BigDecimal, BigDecimal> expm1 = new java.util.HashMap<>();
        Map<BigDecimal, BigDecimal> exp = new java.util.HashMap<>();
        Function<BigDecimal, BigDecimal> em1 = x -> expm1.computeIfAbsent(x, BigOracle::expm1);
        Function<BigDecimal, BigDecimal> ex = x -> exp.computeIfAbsent(x, BigOracle::exp);
        for (double alpha : new double[] {1.0, 0.5}) {
            BigDecimal a = BigOracle.big(alpha);
            String n = "elu(alpha " + alpha + ")";
            assertWithin(n, measure(n, xs, v -> Act.y("elu", Map.of("alpha", alpha), v),
                    x -> x.signum() > 0 ? x : a.multiply(em1.apply(x), BigOracle.MC)), 2);
            assertWithin(n + "'", measure(n + "'", xs, v -> Act.dx("elu", Map.of("alpha", alpha), v),
                    x -> x.signum() > 0 ? BigDecimal.ONE : a.multiply(ex.apply(x), BigOracle.MC)), 2);
        }
        BigDecimal lambda = BigOracle.big(1.0507009873554805);
        BigDecimal la = lambda.multiply(BigOracle.big(1.6732632423543772));
        assertWithin("selu", measure("selu", xs, v -> Act.y("selu", Map.of(), v),
                x -> (x.signum() > 0 ? lambda.multiply(x) : la.multiply(em1.apply(x))).round(BigOracle.MC)), 3);
        assertWithin("selu'", measure("selu'", xs, v -> Act.dx("selu", Map.of(), v),
                x -> x.signum() > 0 ? lambda : la.multiply(ex.apply(x), BigOracle.MC)), 3);
    }

    @Test
    void leakyRelu() {
        double[] xs = points(1e300, 500);
        for (double alpha : new double[] {0.01, 0.1, 0.3}) {
            BigDecimal a = BigOracle.big(alpha);
            String n = "leaky_relu(alpha " + alpha + ")";
            assertWithin(n, measure(n, xs, v -> Act.y("leaky_relu", Map.of("alpha", alpha), v),
                    x -> x.signum() > 0 ? x : a.multiply(x)), 0.51);
        }
    }

    @Test
    void geluExact() {
        // the continued fraction and the series of the oracle agree where they meet (t = 6)
        BigDecimal six = BigDecimal.valueOf(6);
        BigDecimal series = BigOracle.erfcSeries(six);
        BigDecimal cf = BigOracle.erfcContinuedFraction(six, BigOracle.CF_DEPTH);
        assertTrue(series.subtract(cf).abs().compareTo(series.abs().movePointLeft(40)) < 0, "oracle erfc: " + series + " vs " + cf);
        double[] xs = points(40, 800);
        assertWithin("gelu(none)", measure("gelu(none)", xs, v -> Act.y("gelu", Map.of("approximate", "none"), v),
                BigOracle::gelu), 10);
        assertWithin("gelu(none)'", measureScaled("gelu(none)'", xs, v -> Act.dx("gelu", Map.of("approximate", "none"), v),
                BigOracle::geluDerivative, v -> (Math.abs(v) + 1) * Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI)), 10);
    }

    @Test
    void geluTanh() {
        double[] xs = points(40, 1500);
        assertWithin("gelu(tanh)", measure("gelu(tanh)", xs, v -> Act.y("gelu", Map.of("approximate", "tanh"), v),
                BigOracle::geluTanh), 4);
        assertWithin("gelu(tanh)'", measureScaled("gelu(tanh)'", xs, v -> Act.dx("gelu", Map.of("approximate", "tanh"), v),
                BigOracle::geluTanhDerivative, v -> 1 / (1 + Math.exp(-2 * 0.7978845608028654 * (v + 0.044715 * v * v * v)))), 8);
    }

    @Test
    void softmaxAndLogSoftmaxOnSmallVectors() {
        SplittableRandom rnd = new SplittableRandom(Act.SEED);
        Worst sm = REPORT.computeIfAbsent("softmax (n <= 6, |x| <= 300)", k -> new Worst());
        Worst lsm = REPORT.computeIfAbsent("log_softmax (n <= 6, |x| <= 300)", k -> new Worst());
        for (int rep = 0; rep < 1200; rep++) {
            int n = 1 + rnd.nextInt(6);
            double scale = rep % 4 == 0 ? 30 : rep % 4 == 1 ? 3 : rep % 4 == 2 ? 1e-3 : 300;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = scale * (2 * rnd.nextDouble() - 1);
            }
            Tensor y = Act.y("softmax", Map.of(), Tensor.vector(x));
            Tensor ly = Act.y("log_softmax", Map.of(), Tensor.vector(x));
            BigDecimal[] ey = BigOracle.softmax(x);
            BigDecimal[] ely = BigOracle.logSoftmax(x);
            for (int i = 0; i < n; i++) {
                sm.add(BigOracle.ulps(y.get(i), ey[i]), x[i]);
                lsm.add(BigOracle.ulps(ly.get(i), ely[i]), x[i]);
            }
        }
        // the rounding of x_k - max is compensated: a few ulp (without it, up to |x - m| 2^-53
        // relative, ~300 ulp at |x| = 300)
        assertWithin("softmax (n <= 6, |x| <= 300)", sm.ulps, 4);
        assertWithin("log_softmax (n <= 6, |x| <= 300)", lsm.ulps, 4);
    }
}
