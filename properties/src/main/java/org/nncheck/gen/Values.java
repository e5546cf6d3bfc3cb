package org.nncheck.gen;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of single doubles for the numerical edges of training components.
 * Each picks from a list of named edge values or draws from a range; QuickTheories shrinks them
 * towards the first (simplest) choice.
 */
public final class Values {
    private Values() {
    }

    /** The largest x with exp(x) finite: ln(Double.MAX_VALUE) = 709.782712893384. */
    public static final double EXP_OVERFLOW = Math.log(Double.MAX_VALUE);

    /**
     * Extremes: plus and minus 0, 700 (exp(700) ~ 1e304 is still finite), 709.78 (the last
     * finite exp), 710 (exp overflows), 1e300, Double.MAX_VALUE, the smallest normal, subnormals
     * (Double.MIN_VALUE, 4 * MIN_VALUE, MIN_NORMAL / 2), and 1 +- ulp.
     */
    public static Gen<Double> extremes() {
        List<Double> v = new ArrayList<>();
        for (double s : new double[] {1, -1}) {
            v.add(s * 0.0);
            v.add(s * 700);
            v.add(s * EXP_OVERFLOW);
            v.add(s * 710);
            v.add(s * 1e300);
            v.add(s * Double.MAX_VALUE);
            v.add(s * Double.MIN_NORMAL);
            v.add(s * Double.MIN_VALUE);
            v.add(s * 4 * Double.MIN_VALUE);
            v.add(s * Double.MIN_NORMAL / 2);
            v.add(s * Math.nextUp(1.0));
            v.add(s * Math.nextDown(1.0));
        }
        return Generate.pick(v);
    }

    /**
     * Values next to the kink points (e.g. 0 for relu): the point itself, plus and minus one
     * ulp, 1e-300, 1e-12, 1e-8, 1e-4 away.
     */
    public static Gen<Double> kinkAdjacent(double... kinks) {
        List<Double> v = new ArrayList<>();
        for (double k : kinks) {
            v.add(k);
            v.add(Math.nextUp(k));
            v.add(Math.nextDown(k));
            for (double d : new double[] {1e-300, 1e-12, 1e-8, 1e-4}) {
                v.add(k + d);
                v.add(k - d);
            }
        }
        return Generate.pick(v);
    }

    /** Uniform in [lo, hi] (a moderate, well-conditioned range such as [-3, 3]). */
    public static Gen<Double> uniform(double lo, double hi) {
        return Generate.longRange(0, 1L << 53).map(n -> lo + (hi - lo) * (n / (double) (1L << 53)));
    }

    /** Mostly moderate values, with extremes and values next to the kinks mixed in (1 in 5 each). */
    public static Gen<Double> mixed(double... kinks) {
        Gen<Double> base = uniform(-5, 5);
        return Generate.frequency(Pair.of(3, base), Pair.of(1, extremes()),
                Pair.of(1, kinks.length == 0 ? base : kinkAdjacent(kinks)));
    }

    /**
     * The class of a value, for {@link Coverage}: "nan", "infinite", "zero", "subnormal",
     * "overflow-sized" (|x| &gt; 709.78: exp overflows), "exp-large" (|x| in [30, 709.78]), or
     * "moderate".
     */
    public static String classify(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return "infinite";
        }
        double a = Math.abs(x);
        if (a == 0) {
            return "zero";
        }
        if (a < Double.MIN_NORMAL) {
            return "subnormal";
        }
        if (a > EXP_OVERFLOW) {
            return "overflow-sized";
        }
        if (a >= 30) {
            return "exp-large";
        }
        return "moderate";
    }
}
