package org.nncheck.cases;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 30).maxNumberLength(1000)
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
            Json root = read(p, "$", firstLine);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new CaseFormatException(line(p.currentTokenLocation(), firstLine), "$",
                        "unexpected content after the end of the JSON value");
            }
            return root;
        } catch (JsonEOFException e) {
            throw new CaseFormatException(line(e.getLocation(), firstLine), pathOf(e.getProcessor(), "$"),
                    "truncated JSON: the document ends inside " + describeEof(e));
        } catch (JsonParseException e) {
            throw new CaseFormatException(line(e.getLocation(), firstLine), pathOf(e.getProcessor(), "$"),
                    friendly(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new CaseFormatException(firstLine, "$", "cannot read JSON: " + e.getMessage());
        }
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

    private static int line(JsonLocation loc, int firstLine) {
        return loc == null || loc.getLineNr() < 1 ? firstLine : firstLine + loc.getLineNr() - 1;
    }

    private static String pathOf(Object processor, String fallback) {
        if (processor instanceof JsonParser p && p.getParsingContext() != null) {
            return toPath(p.getParsingContext().pathAsPointer().toString());
        }
        return fallback;
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

    private static Json read(JsonParser p, String path, int firstLine) throws IOException {
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
                        throw new JsonParseException(p, "duplicate key '" + name + "'");
                    }
                    members.put(name, read(p, childPath, firstLine));
                }
                return new Json.JObject(members, line, col, path);
            }
            case START_ARRAY -> {
                List<Json> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + i + "]", firstLine));
                    i++;
                }
                return new Json.JArray(items, line, col, path);
            }
            case VALUE_NUMBER_INT -> {
                long lv;
                double dv;
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    dv = p.getBigIntegerValue().doubleValue();
                    lv = dv > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                } else {
                    lv = p.getLongValue();
                    dv = lv;
                }
                return new Json.JNumber(dv, true, lv, line, col, path);
            }
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
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
