package org.nncheck.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validated parameters of one component call: every name known, every value of its declared
 * type and in range, every missing optional parameter filled with its SPEC default.
 *
 * <p>Built with {@link #of(String, List, Map)} from raw values (what a JSON reader produces:
 * {@link Number}, {@link Boolean}, {@link String}, {@link List}; {@code null} counts as not given, so
 * the default applies); anything wrong is a
 * {@link ParamException} naming the component and the parameter.
 */
public final class Params {
    private final String componentId;
    private final Map<String, Object> values;
    private final Map<String, ParamSpec> specs;

    private Params(String componentId, Map<String, Object> values, Map<String, ParamSpec> specs) {
        this.componentId = componentId;
        this.values = Collections.unmodifiableMap(values);
        this.specs = specs;
    }

    /** A parameter problem: names the component and the parameter. */
    public static final class ParamException extends ContractException {
        private static final long serialVersionUID = 1L;
        private final String param;

        public ParamException(String param, String message) {
            super(message);
            this.param = param;
        }

        /** The parameter at fault, or {@code null} when the problem is not with one parameter. */
        public String param() {
            return param;
        }
    }

    /**
     * Validates raw values against a schema and fills defaults.
     *
     * @throws ParamException for an unknown name, a wrong type, a value out of range or a
     *     missing required parameter
     */
    public static Params of(String componentId, List<ParamSpec> schema, Map<String, ?> raw) {
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        for (ParamSpec s : schema) {
            specs.put(s.name(), s);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : raw.entrySet()) {
            ParamSpec spec = specs.get(e.getKey());
            if (spec == null) {
                throw new ParamException(e.getKey(), componentId + ": unknown parameter '" + e.getKey() + "'"
                        + suggestion(e.getKey(), specs.keySet()) + "; known parameters: "
                        + (specs.isEmpty() ? "none" : String.join(", ", specs.keySet())));
            }
            if (e.getValue() != null) {
                out.put(spec.name(), convert(componentId, spec, e.getValue()));
            } // null (JSON null, Python's None) means "not given": the default applies
        }
        for (ParamSpec s : schema) {
            if (!out.containsKey(s.name())) {
                if (s.required()) {
                    throw new ParamException(s.name(), componentId + ": missing required parameter '" + s.name() + "' ("
                            + s.type().jsonName() + (s.doc().isEmpty() ? "" : ", " + s.doc()) + ")");
                }
                out.put(s.name(), s.optionalWithoutDefault() ? null : s.defaultValue());
            }
        }
        return new Params(componentId, out, specs);
    }

    /** The SPEC defaults (throws when a parameter is required). */
    public static Params defaults(String componentId, List<ParamSpec> schema) {
        return of(componentId, schema, Map.of());
    }

    private static Object convert(String id, ParamSpec spec, Object v) {
        String where = id + ": parameter '" + spec.name() + "'";
        switch (spec.type()) {
            case DOUBLE -> {
                if (!(v instanceof Number n)) {
                    throw new ParamException(spec.name(), where + " must be a number, got " + describe(v));
                }
                double d = n.doubleValue();
                if (Double.isNaN(d) || d < spec.min() || d > spec.max() || (spec.minExclusive() && d == spec.min())
                        || (spec.maxExclusive() && d == spec.max())) {
                    throw new ParamException(spec.name(), where + " = " + d + " is outside " + spec.rangeText());
                }
                return d;
            }
            case INT -> {
                if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new ParamException(spec.name(), where + " must be an integer, got " + describe(v));
                }
                long l = n.longValue();
                if (l < spec.min() || l > spec.max()) {
                    throw new ParamException(spec.name(), where + " = " + l + " is outside " + spec.rangeText());
                }
                return l;
            }
            case BOOL -> {
                if (!(v instanceof Boolean b)) {
                    throw new ParamException(spec.name(), where + " must be true or false, got " + describe(v));
                }
                return b;
            }
            case CHOICE -> {
                if (!(v instanceof String s)) {
                    throw new ParamException(spec.name(), where + " must be a string, one of " + spec.choices() + ", got " + describe(v));
                }
                if (!spec.choices().contains(s)) {
                    throw new ParamException(spec.name(), where + " = \"" + s + "\" is not one of " + spec.choices());
                }
                return s;
            }
            case INT_LIST -> {
                if (!(v instanceof List<?> list)) {
                    throw new ParamException(spec.name(), where + " must be an array of integers, got " + describe(v));
                }
                List<Long> out = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object o = list.get(i);
                    if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                        throw new ParamException(spec.name(), where + "[" + i + "] must be an integer, got " + describe(o));
                    }
                    out.add(n.longValue());
                }
                return List.copyOf(out);
            }
            default -> throw new IllegalStateException(spec.type().toString());
        }
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        return String.valueOf(v);
    }

    private static String suggestion(String name, java.util.Set<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(name.toLowerCase(java.util.Locale.ROOT), k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The component these parameters belong to. */
    public String componentId() {
        return componentId;
    }

    public double getDouble(String name) {
        return (Double) value(name, ParamType.DOUBLE);
    }

    public int getInt(String name) {
        return Math.toIntExact((Long) value(name, ParamType.INT));
    }

    public long getLong(String name) {
        return (Long) value(name, ParamType.INT);
    }

    public boolean getBool(String name) {
        return (Boolean) value(name, ParamType.BOOL);
    }

    public String getChoice(String name) {
        return (String) value(name, ParamType.CHOICE);
    }

    @SuppressWarnings("unchecked")
    public List<Long> getIntList(String name) {
        return (List<Long>) value(name, ParamType.INT_LIST);
    }

    /** Whether a parameter was given or has a default (optional ones without default are absent). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    private Object value(String name, ParamType type) {
        ParamSpec spec = specs.get(name);
        if (spec == null || spec.type() != type) {
            throw new IllegalArgumentException(componentId + " has no " + type + " parameter '" + name + "'");
        }
        Object v = values.get(name);
        if (v == null) {
            throw new ParamException(name, componentId + ": parameter '" + name + "' was not given and has no default");
        }
        return v;
    }

    /** All values, defaults filled in, in schema order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** A copy with some values replaced, validated again (used to try alternative conventions). */
    public Params with(Map<String, ?> overrides) {
        Map<String, Object> raw = new LinkedHashMap<>(values);
        raw.values().removeIf(java.util.Objects::isNull);
        raw.putAll(overrides);
        return of(componentId, List.copyOf(specs.values()), raw);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
