package org.nncheck.properties.init;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nncheck.core.Tensor;

/** A few lines of jackson-core to read the example case files in tests (the lead's reader is in org.nncheck.cases). */
public final class CaseFiles {
    private CaseFiles() {
    }

    /** The shipped PyTorch 1.13 example cases (relative to a module folder, where Surefire runs). */
    public static final Path SHARED = Path.of("..", "examples", "cases", "pytorch-1.13");

    /** The case files of a folder whose names start with a prefix. */
    public static List<Path> list(String folder, String prefix) throws IOException {
        Path dir = SHARED.resolve(folder);
        if (!Files.isDirectory(dir)) {
            throw new IOException("example case folder " + dir.toAbsolutePath().normalize() + " is missing");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The JSON object of a file, as maps, lists, numbers, strings and booleans. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            p.nextToken();
            return (Map<String, Object>) value(p);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_STRING:
                return p.getText();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            default:
                return null;
        }
    }

    /** A {"shape", "data"} tensor of a case. */
    @SuppressWarnings("unchecked")
    public static Tensor tensor(Object json) {
        Map<String, Object> m = (Map<String, Object>) json;
        List<Object> shape = (List<Object>) m.get("shape");
        List<Object> data = (List<Object>) m.get("data");
        int[] s = shape.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        double[] d = new double[data.size()];
        for (int i = 0; i < d.length; i++) {
            Object o = data.get(i);
            d[i] = o instanceof Number n ? n.doubleValue() : Double.parseDouble(((String) o).replace("Infinity", "Infinity"));
        }
        return Tensor.wrap(s, d);
    }
}
