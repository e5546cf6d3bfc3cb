package org.nncheck.core;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a component: name, type, default (absent when required), and the valid
 * range. The SPEC's parameter table for each component is a list of these.
 *
 * @param name the parameter's name as in SPEC.md
 * @param type its type
 * @param defaultValue the SPEC default, or {@code null} when the parameter is required
 * @param min lowest valid value for numbers (inclusive unless {@code minExclusive})
 * @param minExclusive whether {@code min} itself is invalid
 * @param max highest valid value for numbers (inclusive unless {@code maxExclusive})
 * @param maxExclusive whether {@code max} itself is invalid
 * @param choices valid strings for {@link ParamType#CHOICE}
 * @param doc one line for help and error texts
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, double min, boolean minExclusive,
                        double max, boolean maxExclusive, List<String> choices, String doc) {

    public ParamSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        choices = choices == null ? List.of() : List.copyOf(choices);
        doc = doc == null ? "" : doc;
    }

    /** Default value of an optional parameter that has no default (e.g. a fan_in override). */
    public static final Object NO_DEFAULT = new Object() {
        @Override
        public String toString() {
            return "(none)";
        }
    };

    /** Whether a case must give this parameter. */
    public boolean required() {
        return defaultValue == null;
    }

    /** Whether the parameter may be left out and then has no value at all. */
    public boolean optionalWithoutDefault() {
        return defaultValue == NO_DEFAULT;
    }

    /** This parameter, but optional with no default: {@link Params#has} tells whether it was given. */
    public ParamSpec optional() {
        return new ParamSpec(name, type, NO_DEFAULT, min, minExclusive, max, maxExclusive, choices, doc);
    }

    /** A real parameter with a default, any finite value. */
    public static ParamSpec real(String name, Double defaultValue, String doc) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, Double.NEGATIVE_INFINITY, false,
                Double.POSITIVE_INFINITY, false, null, doc);
    }

    /** A real parameter in [min, max]. */
    public static ParamSpec real(String name, Double defaultValue, double min, double max, String doc) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, min, false, max, false, null, doc);
    }

    /** A real parameter &gt; 0. */
    public static ParamSpec positive(String name, Double defaultValue, String doc) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, 0, true, Double.POSITIVE_INFINITY, false, null, doc);
    }

    /** A real parameter &gt;= 0. */
    public static ParamSpec nonNegative(String name, Double defaultValue, String doc) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, 0, false, Double.POSITIVE_INFINITY, false, null, doc);
    }

    /** A probability in [0, 1) (a drop probability of 1 would divide by zero). */
    public static ParamSpec probability(String name, Double defaultValue, String doc) {
        return new ParamSpec(name, ParamType.DOUBLE, defaultValue, 0, false, 1, true, null, doc);
    }

    /** An integer parameter in [min, max]. */
    public static ParamSpec integer(String name, Integer defaultValue, long min, long max, String doc) {
        return new ParamSpec(name, ParamType.INT, defaultValue == null ? null : defaultValue.longValue(), min, false, max, false, null, doc);
    }

    /** A boolean parameter. */
    public static ParamSpec bool(String name, Boolean defaultValue, String doc) {
        return new ParamSpec(name, ParamType.BOOL, defaultValue, 0, false, 0, false, null, doc);
    }

    /** A string parameter out of fixed choices. */
    public static ParamSpec choice(String name, String defaultValue, List<String> choices, String doc) {
        return new ParamSpec(name, ParamType.CHOICE, defaultValue, 0, false, 0, false, choices, doc);
    }

    /** A list of integers (e.g. milestones); {@code null} default means required. */
    public static ParamSpec intList(String name, List<Long> defaultValue, String doc) {
        return new ParamSpec(name, ParamType.INT_LIST, defaultValue, Long.MIN_VALUE, false, Long.MAX_VALUE, false, null, doc);
    }

    /** The valid range as text, e.g. {@code [0, 1)}. */
    public String rangeText() {
        return switch (type) {
            case DOUBLE, INT -> (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxExclusive ? ")" : "]");
            case CHOICE -> "one of " + choices;
            default -> type.jsonName();
        };
    }

    private static String fmt(double v) {
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        if (v == Double.POSITIVE_INFINITY || v == Double.MAX_VALUE) {
            return "inf";
        }
        if (v == Long.MAX_VALUE) {
            return "inf";
        }
        if (v == Long.MIN_VALUE) {
            return "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
