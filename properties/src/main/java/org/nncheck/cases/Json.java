package org.nncheck.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers where it was in its file (line and column, 1-based) and its
 * JSON path ({@code $.inputs.x.data[3]}), so that every error about a case file can say
 * where. Built by {@link JsonReader}.
 */
public sealed interface Json {

    /** Line of the value's first character in the file (1-based). */
    int line();

    /** Column of the value's first character (1-based). */
    int column();

    /** JSON path, e.g. {@code $.inputs.x.shape[1]}. */
    String path();

    /** A name for the kind of value in error messages ("a string", "an array"...). */
    String kind();

    /** Line and path of this value. */
    default Location location() {
        return new Location(line(), path());
    }

    record JObject(Map<String, Json> members, int line, int column, String path) implements Json {
        public JObject {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Json get(String name) {
            return members.get(name);
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    record JArray(List<Json> items, int line, int column, String path) implements Json {
        public JArray {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }

    /**
     * A number; {@code integral} when it was written without fraction or exponent.
     */
    record JNumber(double value, boolean integral, long longValue, int line, int column, String path) implements Json {
        @Override
        public String kind() {
            return "the number " + (integral && longValue != Long.MAX_VALUE && longValue != Long.MIN_VALUE ? Long.toString(longValue) : Double.toString(value));
        }
    }

    record JString(String value, int line, int column, String path) implements Json {
        @Override
        public String kind() {
            return "the string \"" + (value.length() > 20 ? value.substring(0, 20) + "..." : value) + "\"";
        }
    }

    record JBool(boolean value, int line, int column, String path) implements Json {
        @Override
        public String kind() {
            return value ? "true" : "false";
        }
    }

    record JNull(int line, int column, String path) implements Json {
        @Override
        public String kind() {
            return "null";
        }
    }

    /** Plain Java value: Map, List, Double or Long, Boolean, String, null (for params). */
    static Object toPlain(Json j) {
        if (j instanceof JObject o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.members().forEach((k, v) -> m.put(k, toPlain(v)));
            return m;
        }
        if (j instanceof JArray a) {
            return a.items().stream().map(Json::toPlain).toList();
        }
        if (j instanceof JNumber n) {
            return n.integral() ? (Object) n.longValue() : (Object) n.value();
        }
        if (j instanceof JString s) {
            return s.value();
        }
        if (j instanceof JBool b) {
            return b.value();
        }
        return null;
    }
}
