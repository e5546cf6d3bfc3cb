package org.nncheck.training;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nncheck.cases.CaseFormatException;
import org.nncheck.cases.Json;
import org.nncheck.cases.JsonReader;

/**
 * Reads a JSON Lines training log (SPEC section 4.2): an optional first line {@code {"meta": {...}}},
 * then one object per line with the fields of {@link LogField} (case-insensitive keys) and
 * {@code "layers": {"<layer>": {"<stat>": value}}}. Values are numbers, the strings "NaN",
 * "Infinity", "-Infinity" (any case, also "nan", "inf", "-inf"), or null for "not logged". Keys
 * that are no field are other metrics, ignored and listed in {@link TrainingLog#ignoredColumns()};
 * an unknown per-layer statistic is an error.
 */
final class JsonLinesLogReader {
    private final String file;

    private JsonLinesLogReader(String file) {
        this.file = file;
    }

    static TrainingLog read(String file, List<String> lines) {
        return new JsonLinesLogReader(file).parse(lines);
    }

    private TrainingLog parse(List<String> lines) {
        LogMeta meta = LogMeta.UNKNOWN;
        RecordAssembler records = new RecordAssembler(file);
        Set<String> layerOrder = new LinkedHashSet<>();
        Set<String> ignored = new LinkedHashSet<>();
        boolean first = true;
        boolean anyLoss = false;
        for (int l = 0; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            int line = l + 1;
            Json.JObject obj = object(lines.get(l), line);
            Json m = member(obj, "meta");
            if (m != null) {
                if (!first) {
                    throw error(m, "\"meta\" is allowed only on the first line");
                }
                if (obj.members().size() > 1) {
                    throw error(obj, "the meta line holds only \"meta\"");
                }
                meta = meta(m);
                first = false;
                continue;
            }
            first = false;
            Map<LogField, Double> values = new EnumMap<>(LogField.class);
            Map<LogField, Integer> ranks = new EnumMap<>(LogField.class);
            Map<LogField, String> names = new EnumMap<>(LogField.class);
            Map<String, Map<String, Double>> layers = new LinkedHashMap<>();
            for (Map.Entry<String, Json> e : obj.members().entrySet()) {
                String key = e.getKey();
                if (key.equalsIgnoreCase("layers")) {
                    layers = layers(e.getValue(), layerOrder);
                    continue;
                }
                LogField.Match match = LogField.match(key);
                if (match == null) {
                    ignored.add(key);
                    continue;
                }
                Integer rank = ranks.get(match.field());
                if (rank != null && rank == match.rank()) {
                    throw error(e.getValue(), "\"" + key + "\" and \"" + names.get(match.field()) + "\" are both "
                            + match.field().specName());
                }
                Double v = number(e.getValue());
                if (rank == null || match.rank() < rank) {
                    ranks.put(match.field(), match.rank());
                    names.put(match.field(), key);
                    if (v != null) {
                        values.put(match.field(), v);
                    } else {
                        values.remove(match.field());
                    }
                }
            }
            anyLoss |= values.containsKey(LogField.LOSS);
            records.add(line, values, layers);
        }
        List<TrainingRecord> recs = records.finish();
        if (recs.isEmpty()) {
            throw new TrainingLogException(file + ": no records");
        }
        if (!anyLoss) {
            throw new TrainingLogException(file + ": no line has a loss (\"loss\", \"train_loss\" or \"training_loss\")");
        }
        return new TrainingLog(file, meta, List.copyOf(layerOrder), recs, List.copyOf(ignored));
    }

    private Json.JObject object(String text, int line) {
        Json json;
        try {
            json = JsonReader.parse(text, line);
        } catch (CaseFormatException e) {
            throw new TrainingLogException(file + ":" + e.getMessage());
        }
        if (!(json instanceof Json.JObject o)) {
            throw error(json, "expected a JSON object, found " + json.kind());
        }
        return o;
    }

    private static Json member(Json.JObject obj, String name) {
        for (Map.Entry<String, Json> e : obj.members().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private Map<String, Map<String, Double>> layers(Json json, Set<String> layerOrder) {
        if (json instanceof Json.JNull) {
            return Map.of();
        }
        if (!(json instanceof Json.JObject obj)) {
            throw error(json, "\"layers\" must be an object {\"<layer>\": {\"<stat>\": value}}, found " + json.kind());
        }
        Map<String, Map<String, Double>> layers = new LinkedHashMap<>();
        for (Map.Entry<String, Json> l : obj.members().entrySet()) {
            if (!(l.getValue() instanceof Json.JObject stats)) {
                throw error(l.getValue(), "layer \"" + l.getKey() + "\" must be an object {\"<stat>\": value}, found "
                        + l.getValue().kind());
            }
            Map<String, Double> s = new LinkedHashMap<>();
            for (Map.Entry<String, Json> st : stats.members().entrySet()) {
                String stat = st.getKey().toLowerCase(Locale.ROOT);
                if (!LogField.LAYER_STATS.contains(stat)) {
                    throw error(st.getValue(), "unknown per-layer statistic \"" + st.getKey() + "\" (known: "
                            + String.join(", ", new TreeSet<>(LogField.LAYER_STATS)) + ")");
                }
                Double v = number(st.getValue());
                if (v != null) {
                    s.put(stat, v);
                }
            }
            layerOrder.add(l.getKey());
            layers.put(l.getKey(), s);
        }
        return layers;
    }

    private LogMeta meta(Json json) {
        if (!(json instanceof Json.JObject obj)) {
            throw error(json, "\"meta\" must be an object, found " + json.kind());
        }
        Integer numClasses = null;
        Integer batchSize = null;
        Integer trainSize = null;
        String loss = null;
        String framework = null;
        for (Map.Entry<String, Json> e : obj.members().entrySet()) {
            Json v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "num_classes" -> numClasses = positiveInt(v, e.getKey());
                case "batch_size" -> batchSize = positiveInt(v, e.getKey());
                case "train_size" -> trainSize = positiveInt(v, e.getKey());
                case "loss" -> loss = string(v, e.getKey());
                case "framework" -> framework = string(v, e.getKey());
                default -> {
                    // other facts about the run (a model name, a seed...) are the user's own
                }
            }
        }
        return new LogMeta(numClasses, loss, batchSize, trainSize, framework);
    }

    private Integer positiveInt(Json v, String key) {
        if (v instanceof Json.JNull) {
            return null;
        }
        if (v instanceof Json.JNumber n && n.value() == Math.rint(n.value()) && n.value() >= 1
                && n.value() <= Integer.MAX_VALUE) {
            return (int) n.value();
        }
        throw error(v, "meta \"" + key + "\" must be a whole number >= 1, found " + v.kind());
    }

    private String string(Json v, String key) {
        if (v instanceof Json.JNull) {
            return null;
        }
        if (v instanceof Json.JString s) {
            return s.value();
        }
        throw error(v, "meta \"" + key + "\" must be a string, found " + v.kind());
    }

    /** A value: a number, a non-finite spelling, or null (not logged). */
    private Double number(Json v) {
        if (v instanceof Json.JNull) {
            return null;
        }
        if (v instanceof Json.JNumber n) {
            if (Double.isInfinite(n.value())) {
                throw error(v, "number overflows a double (write \"Infinity\" for an infinity)");
            }
            return n.value();
        }
        if (v instanceof Json.JString s) {
            Double d = LogNumbers.parse(s.value());
            if (d != null && !Double.isFinite(d)) {
                return d;
            }
        }
        throw error(v, "expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found " + v.kind());
    }

    private TrainingLogException error(Json where, String problem) {
        return new TrainingLogException(file + ":" + where.line() + ": column " + where.column() + ": " + where.path()
                + ": " + problem);
    }
}
