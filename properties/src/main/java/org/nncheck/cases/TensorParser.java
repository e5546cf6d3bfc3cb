package org.nncheck.cases;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/**
 * Reads one tensor in any of the forms of SPEC.md section 2 straight from Jackson's streaming
 * parser into a {@code double[]}, without a node per element: {@code {"shape": [...], "data":
 * [flat row-major]}}, a rectangular nested array, a bare number (a scalar), or (v1.1)
 * {@code {"npy": "relative/path.npy"}}. Non-finite values are the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"} (and the spellings of docs/SPEC-EXTENSIONS.md item 4).
 * A tensor all of whose values were written as JSON integers is an integer tensor. The place
 * of a bad element (line and JSON path) is computed from the parser when the error happens.
 */
final class TensorParser {
    private final JsonParser p;
    private final String path;
    private final int firstLine;
    private final Path caseFile;
    private final long maxElements;
    private DoubleSink sink;
    private int[] idx = new int[8];

    /**
     * @param p positioned on the tensor's first token
     * @param path the tensor's JSON path
     * @param firstLine line of the parsed text's first line in its file
     * @param caseFile the case file ({@code .npy} paths are relative to its folder)
     * @param maxElements how many values the rest of the input can hold at most (a shape that
     *     asks for more is not allocated up front)
     */
    private TensorParser(JsonParser p, String path, int firstLine, Path caseFile, long maxElements) {
        this.p = p;
        this.path = path;
        this.firstLine = firstLine;
        this.caseFile = caseFile;
        this.maxElements = maxElements;
    }

    static Tensor read(JsonParser p, String path, int firstLine, Path caseFile, long maxElements) throws IOException, CaseFormatException {
        return new TensorParser(p, path, firstLine, caseFile, maxElements).tensor();
    }

    private Tensor tensor() throws IOException, CaseFormatException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return object();
        }
        if (t == JsonToken.START_ARRAY) {
            sink = DoubleSink.expecting(-1);
            List<Integer> shape = new ArrayList<>();
            int[] leafDepth = {-1};
            nested(0, shape, leafDepth);
            int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
            return build(s, here(path));
        }
        if (isValue(t)) {
            sink = DoubleSink.expecting(1);
            value(path, -1, -1);
            return build(new int[0], here(path));
        }
        throw error(path, "a tensor must be {\"shape\", \"data\"}, a nested array, a number or {\"npy\": \"file.npy\"}, got "
                + JsonReader.describe(p));
    }

    private static boolean isValue(JsonToken t) {
        return t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_STRING;
    }

    private Tensor object() throws IOException, CaseFormatException {
        Location objAt = here(path);
        int[] shape = null;
        Location shapeAt = null;
        Location dataAt = null;
        String npy = null;
        Location npyAt = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            String childPath = path + "." + name;
            if (!seen.add(name)) {
                throw error(childPath, "duplicate key '" + name + "'");
            }
            switch (name) {
                case "shape" -> {
                    shapeAt = here(childPath);
                    shape = shape(childPath);
                }
                case "data" -> {
                    dataAt = here(childPath);
                    long n = shape == null ? -1 : count(shape);
                    sink = DoubleSink.expecting(n >= 0 && n <= maxElements ? n : -1);
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        int i = 0;
                        JsonToken t;
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                                throw error(childPath + "[" + i + "]", t == JsonToken.START_ARRAY
                                        ? "'data' must be flat (row-major) when 'shape' is given; got a nested array"
                                        : "a tensor value must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\", got an object");
                            }
                            value(childPath, i, -1);
                            i++;
                        }
                    } else if (isValue(p.currentToken())) {
                        value(childPath, -1, -1);
                    } else {
                        throw error(childPath, "'data' must be an array of numbers, got " + JsonReader.describe(p));
                    }
                }
                case "npy" -> {
                    npyAt = here(childPath);
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw error(childPath, "'npy' must be a path (a string) relative to the case file, got " + JsonReader.describe(p));
                    }
                    npy = p.getText();
                }
                case "dtype" -> p.skipChildren(); // informative only: the case's dtype picks the tolerance
                default -> throw error(childPath, "unknown tensor field '" + name
                        + "' (a tensor object has shape and data, or npy)");
            }
        }
        if (npy != null) {
            if (shapeAt != null || dataAt != null) {
                throw CaseFormatException.at(npyAt, "a tensor with 'npy' has no 'shape' or 'data' (the .npy file gives both)");
            }
            return NpyPaths.read(caseFile, npy, npyAt);
        }
        if (shape == null || dataAt == null) {
            throw CaseFormatException.at(objAt, "a tensor object needs both 'shape' and 'data' (or 'npy')");
        }
        long n = count(shape);
        if (n < 0) {
            throw CaseFormatException.at(shapeAt, "shape " + Arrays.toString(shape)
                    + ": the product of its dimensions exceeds 2^31 - 9, more than an array holds");
        }
        if (sink.size() != n) {
            throw CaseFormatException.at(dataAt, "shape " + Arrays.toString(shape) + " needs " + n + " values but 'data' has " + sink.size());
        }
        return build(shape, objAt);
    }

    /** Element count, or -1 when a running product exceeds what an array holds (strides would overflow). */
    static long count(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s; // both factors are below 2^31, so this cannot overflow a long
            if (n > DoubleSink.MAX_ELEMENTS) {
                return -1;
            }
        }
        return n;
    }

    private int[] shape(String at) throws IOException, CaseFormatException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(at, "'shape' must be an array of non-negative integers, got " + JsonReader.describe(p));
        }
        int[] s = new int[0];
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String dimPath = at + "[" + i + "]";
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getText().startsWith("-")) {
                throw error(dimPath, "a shape dimension must be a non-negative integer, got " + JsonReader.describe(p));
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() > Integer.MAX_VALUE) {
                throw error(dimPath, "shape dimension " + p.getText() + " is larger than 2^31 - 1");
            }
            if (i > 64) {
                throw error(dimPath, "a shape has at most 64 dimensions");
            }
            s = Arrays.copyOf(s, i + 1);
            s[i++] = p.getIntValue();
        }
        return s;
    }

    /** A rectangular nested array at {@code depth}: the shape is fixed by the first row at each depth. */
    private void nested(int depth, List<Integer> shape, int[] leafDepth) throws IOException, CaseFormatException {
        int line = JsonReader.line(p.currentTokenLocation(), firstLine);
        if (leafDepth[0] >= 0 && depth >= leafDepth[0]) {
            throw new CaseFormatException(line, indexPath(depth), "ragged nested array: expected a number at depth " + depth + ", got an array");
        }
        if (depth > 64) {
            throw new CaseFormatException(line, indexPath(depth), "a nested array tensor has at most 64 dimensions");
        }
        if (shape.size() == depth) {
            shape.add(-1);
        }
        if (idx.length <= depth) {
            idx = Arrays.copyOf(idx, idx.length * 2);
        }
        int count = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            idx[depth] = count;
            if (t == JsonToken.START_ARRAY) {
                nested(depth + 1, shape, leafDepth);
            } else {
                if (leafDepth[0] < 0) {
                    leafDepth[0] = depth + 1;
                    if (shape.size() > depth + 1) {
                        throw error(indexPath(depth + 1), "ragged nested array: expected an array of length " + shape.get(depth + 1)
                                + " at depth " + (depth + 1) + ", got " + JsonReader.describe(p));
                    }
                } else if (leafDepth[0] != depth + 1) {
                    throw error(indexPath(depth + 1), "ragged nested array: expected an array of length " + shape.get(depth + 1)
                            + " at depth " + (depth + 1) + ", got " + JsonReader.describe(p));
                }
                if (t == JsonToken.START_OBJECT) {
                    throw error(indexPath(depth + 1), "a tensor value must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\", got an object");
                }
                value(path, -1, depth + 1);
            }
            count++;
        }
        if (shape.get(depth) < 0) {
            shape.set(depth, count);
        } else if (shape.get(depth) != count) {
            throw new CaseFormatException(line, indexPath(depth), "ragged nested array: length " + count + " where the first row at depth " + depth + " has "
                    + shape.get(depth));
        }
    }

    private String indexPath(int depth) {
        StringBuilder sb = new StringBuilder(path);
        for (int k = 0; k < depth; k++) {
            sb.append('[').append(idx[k]).append(']');
        }
        return sb.toString();
    }

    /**
     * Reads one value. Its path is computed only on error: {@code depth >= 0} means the nested
     * array element at the current indices, else {@code base[index]} ({@code index >= 0}) or
     * {@code base} itself.
     */
    private void value(String base, int index, int depth) throws IOException, CaseFormatException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            double v = p.getDoubleValue(); // a big integer converts; one past double's range is infinite, refused here
            if (Double.isInfinite(v)) {
                throw error(elementPath(base, index, depth), "number " + abbreviate(p.getText())
                        + " overflows double precision; write \"Infinity\" or \"-Infinity\" if meant");
            }
            if (!sink.add(v, t == JsonToken.VALUE_NUMBER_INT)) {
                throw error(elementPath(base, index, depth), "a tensor holds at most 2^31 - 9 values");
            }
        } else if (t == JsonToken.VALUE_STRING) {
            double v = switch (p.getText()) {
                case "NaN", "nan" -> Double.NaN;
                case "Infinity", "inf", "+Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
                default -> throw error(elementPath(base, index, depth), "a tensor value must be a number or one of \"NaN\", \"Infinity\", "
                        + "\"-Infinity\", got " + JsonReader.describe(p));
            };
            if (!sink.add(v, false)) {
                throw error(elementPath(base, index, depth), "a tensor holds at most 2^31 - 9 values");
            }
        } else {
            throw error(elementPath(base, index, depth), "a tensor value must be a number or one of \"NaN\", \"Infinity\", \"-Infinity\", got "
                    + JsonReader.describe(p));
        }
    }

    private String elementPath(String base, int index, int depth) {
        return depth >= 0 ? indexPath(depth) : index >= 0 ? base + "[" + index + "]" : base;
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 27) + "..." : s;
    }

    private Tensor build(int[] shape, Location at) throws CaseFormatException {
        if (count(shape) < 0) {
            throw CaseFormatException.at(at, "shape " + Arrays.toString(shape) + " has more values than an array holds");
        }
        boolean integral = sink.allIntegral();
        double[] d = sink.toArray();
        sink = null;
        try {
            return integral ? Tensor.integralOf(shape, d) : Tensor.wrap(shape, d);
        } catch (ContractException e) {
            throw CaseFormatException.at(at, e.getMessage());
        }
    }

    private Location here(String at) {
        return new Location(JsonReader.line(p.currentTokenLocation(), firstLine), at);
    }

    private CaseFormatException error(String at, String problem) {
        return CaseFormatException.at(here(at), problem);
    }

    /** Resolves and reads {@code .npy} files referred to by a case. */
    static final class NpyPaths {
        private NpyPaths() {
        }

        /**
         * Reads {@code relative} (a path relative to the case file's folder, which it may not
         * leave, also not through a symbolic link).
         */
        static Tensor read(Path caseFile, String relative, Location at) throws CaseFormatException {
            Path dir = caseFile.toAbsolutePath().getParent();
            Path rel;
            try {
                rel = Path.of(relative);
            } catch (java.nio.file.InvalidPathException e) {
                throw CaseFormatException.at(at, "'npy' is not a valid path: " + e.getReason());
            }
            if (relative.isEmpty() || rel.isAbsolute()) {
                throw CaseFormatException.at(at, "'npy' must be a path relative to the case file, got \"" + relative + "\"");
            }
            Path target = dir.resolve(rel).normalize();
            if (!target.startsWith(dir.normalize())) {
                throw CaseFormatException.at(at, "'npy' path \"" + relative + "\" leaves the case file's folder");
            }
            try {
                if (!Files.exists(target)) {
                    throw CaseFormatException.at(at, "no such .npy file: " + target);
                }
                if (!target.toRealPath().startsWith(dir.toRealPath())) {
                    throw CaseFormatException.at(at, "'npy' path \"" + relative + "\" leads out of the case file's folder (symbolic link)");
                }
                if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
                    throw CaseFormatException.at(at, "'npy' path \"" + relative + "\" is not a regular file");
                }
                return Npy.read(target);
            } catch (Npy.NpyException e) {
                throw CaseFormatException.at(at, target.getFileName() + ": " + e.getMessage());
            } catch (ContractException e) {
                throw CaseFormatException.at(at, target.getFileName() + ": " + e.getMessage());
            } catch (IOException e) {
                throw CaseFormatException.at(at, "cannot read " + target + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
    }
}
