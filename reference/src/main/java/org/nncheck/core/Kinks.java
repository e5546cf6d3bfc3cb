package org.nncheck.core;

import java.util.Map;

/**
 * Where a component's forward is not differentiable, so that a finite-difference check can
 * step around a kink or accept a subgradient there (CS231n "Kinks in the objective").
 */
public interface Kinks {

    /**
     * Distance from element {@code index} of input {@code tensor} to the nearest kink along
     * that coordinate (all other inputs fixed); {@link Double#POSITIVE_INFINITY} when the
     * function is smooth along it, {@link Double#NaN} when the kinks depend on other elements in
     * a way not worth computing (ties of a max): then a checker detects a crossing by
     * comparing one-sided differences.
     */
    double distance(Map<String, Tensor> inputs, Params params, String tensor, int index);

    /** A short description for reports, e.g. "x = 0". */
    String describe();

    /** Whether there are any kinks at all. */
    default boolean any() {
        return true;
    }

    /** A smooth component. */
    Kinks NONE = new Kinks() {
        @Override
        public double distance(Map<String, Tensor> inputs, Params params, String tensor, int index) {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public boolean any() {
            return false;
        }
    };

    /** Element-wise kinks of input {@code tensor} at fixed points (e.g. relu at 0). */
    static Kinks atPoints(String tensor, double... points) {
        return new Kinks() {
            @Override
            public double distance(Map<String, Tensor> inputs, Params params, String t, int index) {
                if (!t.equals(tensor)) {
                    return Double.POSITIVE_INFINITY;
                }
                double v = inputs.get(t).get(index);
                double d = Double.POSITIVE_INFINITY;
                for (double p : points) {
                    d = Math.min(d, Math.abs(v - p));
                }
                return d;
            }

            @Override
            public String describe() {
                StringBuilder sb = new StringBuilder();
                for (double p : points) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(tensor).append(" = ").append(p);
                }
                return sb.toString();
            }
        };
    }

    /** Kinks that depend on the data (ties of a max, hinge margins), described in words. */
    static Kinks dataDependent(String description) {
        return new Kinks() {
            @Override
            public double distance(Map<String, Tensor> inputs, Params params, String tensor, int index) {
                return Double.NaN;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
