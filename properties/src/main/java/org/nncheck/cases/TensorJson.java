package org.nncheck.cases;

import java.util.ArrayList;
import java.util.List;
import org.nncheck.core.Tensor;

/**
 * The three tensor forms of SPEC.md section 2, in both directions: {@code {"shape": [...],
 * "data": [flat row-major]}}, a rectangular nested array, or a bare number (a scalar).
 * Non-finite values are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 * A tensor all of whose values were written as JSON integers is read as an integer tensor.
 */
public final class TensorJson {
    private TensorJson() {
    }

    /** Reads a tensor in any of the three forms. */
    public static Tensor read(Json j) throws CaseFormatException {
        if (j instanceof Json.JObject o) {
            for (String k : o.members().keySet()) {
                if (!k.equals("shape") && !k.equals("data") && !k.equals("dtype")) {
                    throw CaseFormatException.at(o.get(k), "unknown tensor field '" + k + "' (a tensor object has shape and data)");
                }
            }
            Json sj = o.get("shape");
            Json dj = o.get("data");
            if (sj == null || dj == null) {
                throw CaseFormatException.at(o, "a tensor object needs both 'shape' and 'data'");
            }
            if (!(sj instanceof Json.JArray sa)) {
                throw CaseFormatException.at(sj, "'shape' must be an array of non-negative integers, got " + sj.kind());
            }
            int[] shape = new int[sa.items().size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                Json d = sa.items().get(i);
                if (!(d instanceof Json.JNumber dn) || !dn.integral() || dn.longValue() < 0) {
                    throw CaseFormatException.at(d, "a shape dimension must be a non-negative integer, got " + d.kind());
                }
                if (dn.longValue() > Integer.MAX_VALUE) {
                    throw CaseFormatException.at(d, "shape dimension " + dn.longValue() + " is larger than 2^31 - 1");
                }
                shape[i] = (int) dn.longValue();
                n *= shape[i];
            }
            List<Json> items;
            if (dj instanceof Json.JArray da) {
                items = new ArrayList<>();
                flatten(da, items);
            } else if (dj instanceof Json.JNumber || dj instanceof Json.JString) {
                items = List.of(dj);
            } else {
                throw CaseFormatException.at(dj, "'data' must be an array of numbers, got " + dj.kind());
            }
            if (items.size() != n) {
                throw CaseFormatException.at(dj, "shape " + java.util.Arrays.toString(shape) + " needs " + n + " values but 'data' has "
                        + items.size());
            }
            return build(shape, items);
        }
        if (j instanceof Json.JArray a) {
            List<Integer> shape = new ArrayList<>();
            Json cur = a;
            while (cur instanceof Json.JArray ca) {
                shape.add(ca.items().size());
                if (ca.items().isEmpty()) {
                    break;
                }
                cur = ca.items().get(0);
            }
            int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
            List<Json> items = new ArrayList<>();
            collectRectangular(a, s, 0, items);
            return build(s, items);
        }
        if (j instanceof Json.JNumber || j instanceof Json.JString) {
            return build(new int[0], List.of(j));
        }
        throw CaseFormatException.at(j, "a tensor must be {\"shape\", \"data\"}, a nested array or a number, got " + j.kind());
    }

    private static void flatten(Json.JArray a, List<Json> out) throws CaseFormatException {
        for (Json x : a.items()) {
            if (x instanceof Json.JArray) {
                throw CaseFormatException.at(x, "'data' must be flat (row-major) when 'shape' is given; got a nested array");
            }
            out.add(x);
        }
    }

    private static void collectRectangular(Json j, int[] shape, int depth, List<Json> out) throws CaseFormatException {
        if (depth == shape.length) {
            if (j instanceof Json.JArray) {
                throw CaseFormatException.at(j, "ragged nested array: expected a number at depth " + depth + ", got an array");
            }
            out.add(j);
            return;
        }
        if (!(j instanceof Json.JArray a)) {
            throw CaseFormatException.at(j, "ragged nested array: expected an array of length " + shape[depth] + " at depth " + depth
                    + ", got " + j.kind());
        }
        if (a.items().size() != shape[depth]) {
            throw CaseFormatException.at(j, "ragged nested array: length " + a.items().size() + " where the first row at depth "
                    + depth + " has " + shape[depth]);
        }
        for (Json x : a.items()) {
            collectRectangular(x, shape, depth + 1, out);
        }
    }

    private static Tensor build(int[] shape, List<Json> items) throws CaseFormatException {
        double[] d = new double[items.size()];
        boolean allIntegral = !items.isEmpty();
        for (int i = 0; i < d.length; i++) {
            Json x = items.get(i);
            if (x instanceof Json.JNumber n) {
                if (Double.isInfinite(n.value())) {
                    throw CaseFormatException.at(x, "number overflows double precision; write \"Infinity\" or \"-Infinity\" if meant");
                }
                d[i] = n.value();
                allIntegral &= n.integral();
            } else if (x instanceof Json.JString s) {
                d[i] = switch (s.value()) {
                    case "NaN", "nan" -> Double.NaN;
                    case "Infinity", "inf", "+Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> throw CaseFormatException.at(x, "a tensor value must be a number or one of \"NaN\", \"Infinity\", "
                            + "\"-Infinity\", got " + x.kind());
                };
                allIntegral = false;
            } else {
                throw CaseFormatException.at(x, "a tensor value must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\", got "
                        + x.kind());
            }
        }
        return allIntegral ? Tensor.integralOf(shape, d) : Tensor.wrap(shape, d);
    }

    /** Writes a tensor as {@code {"shape": [...], "data": [...]}} JSON text. */
    public static void write(StringBuilder sb, Tensor t) {
        sb.append("{\"shape\": ").append(java.util.Arrays.toString(t.shape())).append(", \"data\": [");
        for (int i = 0; i < t.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            number(sb, t.get(i), t.isIntegral());
        }
        sb.append("]}");
    }

    /** Writes one number (non-finite values as strings, integers without a fraction). */
    public static void number(StringBuilder sb, double v, boolean integral) {
        if (Double.isNaN(v)) {
            sb.append("\"NaN\"");
        } else if (Double.isInfinite(v)) {
            sb.append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else if (integral) {
            sb.append((long) v);
        } else {
            sb.append(Double.toString(v));
        }
    }
}
