package org.nncheck.cases;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads strict JSON (RFC 8259, as Jackson's streaming parser enforces it: no bare
 * {@code NaN}, no comments, no trailing commas) into {@link Json} values that carry their line,
 * column and JSON path. Parse errors become {@link CaseFormatException}s with a plain message.
 */
public final class JsonReader {
    /**
     * The one parser configuration: strict JSON, Jackson's fast double parser (FastDoubleParser,
     * correctly rounded like {@link Double#parseDouble}), and limits that turn absurd input into
     * a clear error instead of exhausted memory or stack (strings up to 16 M characters, number
     * literals up to 1000 characters, nesting up to 1000 levels).
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 24).maxNumberLength(1000)
                    .maxNestingDepth(1000).build())
            .build();

    private JsonReader() {
    }

    /**
     * Parses one JSON document.
     *
     * @param text the document
     * @param firstLine line number of the text's first line in its file (for JSON Lines)
     */
    public static Json parse(String text, int firstLine) throws CaseFormatException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CaseFormatException(firstLine, "$", "empty document: expected a JSON object");
            }
            Json root = readValue(p, "$", firstLine);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new CaseFormatException(line(p.currentTokenLocation(), firstLine), "$",
                        "unexpected content after the end of the JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw toCaseFormat(e, firstLine);
        } catch (IOException e) {
            throw new CaseFormatException(firstLine, "$", "cannot read JSON: " + e.getMessage());
        }
    }

    /** A parser's complaint as a case error with line and JSON path. */
    static CaseFormatException toCaseFormat(JsonProcessingException e, int firstLine) {
        int line = line(e.getLocation(), firstLine);
        String path = pathOf(e.getProcessor(), "$");
        if (e instanceof JsonEOFException eof) {
            return new CaseFormatException(line, path, "truncated JSON: the document ends inside " + describeEof(eof));
        }
        if (e instanceof StreamConstraintsException) {
            return new CaseFormatException(line, path, "input beyond the reader's limits: " + firstLine(e.getOriginalMessage()));
        }
        String m = e.getOriginalMessage();
        if (m != null && m.contains("UTF-8")) {
            return new CaseFormatException(line, path, "the text is not valid UTF-8 (" + firstLine(m) + ")");
        }
        return new CaseFormatException(line, path, friendly(m));
    }

    private static String firstLine(String m) {
        int cut = m == null ? -1 : m.indexOf('\n');
        return m == null ? "" : cut > 0 ? m.substring(0, cut) : m;
    }

    private static String describeEof(JsonEOFException e) {
        String m = e.getOriginalMessage();
        if (m.contains("Object")) {
            return "an object (missing '}')";
        }
        if (m.contains("Array")) {
            return "an array (missing ']')";
        }
        if (m.contains("String")) {
            return "a string (missing '\"')";
        }
        return "a value";
    }

    private static String friendly(String m) {
        if (m == null) {
            return "invalid JSON";
        }
        if (m.contains("Non-standard token 'NaN'") || m.contains("'NaN'")) {
            return "bare NaN is not JSON: write non-finite values as the strings \"NaN\", \"Infinity\", \"-Infinity\"";
        }
        if (m.contains("Infinity") || m.contains("INF")) {
            return "bare Infinity is not JSON: write non-finite values as the strings \"NaN\", \"Infinity\", \"-Infinity\"";
        }
        int cut = m.indexOf("\n");
        String first = cut > 0 ? m.substring(0, cut) : m;
        first = first.replaceAll(" \\(for .*?\\)", "");
        return "invalid JSON: " + first;
    }

    static int line(JsonLocation loc, int firstLine) {
        return loc == null || loc.getLineNr() < 1 ? firstLine : firstLine + loc.getLineNr() - 1;
    }

    private static String pathOf(Object processor, String fallback) {
        if (processor instanceof JsonParser p && p.getParsingContext() != null) {
            return toPath(p.getParsingContext().pathAsPointer().toString());
        }
        return fallback;
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 27) + "..." : s;
    }

    /** JSON pointer ({@code /inputs/x/data/3}) to the {@code $.inputs.x.data[3]} notation. */
    static String toPath(String pointer) {
        StringBuilder sb = new StringBuilder("$");
        if (pointer.isEmpty()) {
            return "$";
        }
        for (String seg : pointer.substring(1).split("/", -1)) {
            String s = seg.replace("~1", "/").replace("~0", "~");
            if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(s).append(']');
            } else {
                sb.append('.').append(s);
            }
        }
        return sb.toString();
    }

    /** The current token as the kind of value it starts, for messages ("an array", "the number 3"). */
    static String describe(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> new Json.JString(p.getText(), 0, 0, "").kind();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + (p.getTextLength() > 30 ? p.getText().substring(0, 27) + "..." : p.getText());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    /**
     * Reads the value at the parser's current token into a {@link Json} tree (for the small
     * parts of a case: params, tolerance, ids). A number that overflows (an integer beyond 64
     * bits, a literal beyond double's range) is an error here, not a silent clamp or infinity.
     */
    static Json readValue(JsonParser p, String path, int firstLine) throws IOException, CaseFormatException {
        JsonLocation loc = p.currentTokenLocation();
        int line = line(loc, firstLine);
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Json> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    String childPath = path + "." + name;
                    if (members.containsKey(name)) {
                        throw new CaseFormatException(line(p.currentTokenLocation(), firstLine), childPath, "duplicate key '" + name + "'");
                    }
                    members.put(name, readValue(p, childPath, firstLine));
                }
                return new Json.JObject(members, line, col, path);
            }
            case START_ARRAY -> {
                List<Json> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, path + "[" + i + "]", firstLine));
                    i++;
                }
                return new Json.JArray(items, line, col, path);
            }
            case VALUE_NUMBER_INT -> {
                long lv;
                double dv;
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new CaseFormatException(line, path, "integer " + abbreviate(p.getText())
                            + " does not fit in 64 bits (write it as a floating-point number if a real value is meant)");
                } else {
                    lv = p.getLongValue();
                    dv = lv;
                }
                return new Json.JNumber(dv, true, lv, line, col, path);
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                if (Double.isInfinite(d)) {
                    throw new CaseFormatException(line, path, "number " + abbreviate(p.getText())
                            + " overflows double precision; write \"Infinity\" or \"-Infinity\" if meant");
                }
                return new Json.JNumber(d, false, 0, line, col, path);
            }
            case VALUE_STRING -> {
                return new Json.JString(p.getText(), line, col, path);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Json.JBool(t == JsonToken.VALUE_TRUE, line, col, path);
            }
            case VALUE_NULL -> {
                return new Json.JNull(line, col, path);
            }
            default -> throw new JsonParseException(p, "unexpected token " + t);
        }
    }
}
