package org.nncheck.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rows of a log (CSV rows or JSON lines, already mapped to fields) into
 * {@link TrainingRecord}s: checks the order, merges rows of the same step, reads percent
 * accuracies. The rules (docs/SPEC-EXTENSIONS.md, training logs):
 * <ul>
 *   <li>with a step field, steps never decrease; consecutive rows with the same step are one record
 *       (Lightning writes a step's training, validation and epoch metrics on separate rows), a value
 *       given twice for that step is taken from the later row;</li>
 *   <li>without steps, epochs never decrease and each row is a record;</li>
 *   <li>a row that logs no metric (only step and epoch) is no record;</li>
 *   <li>an accuracy field with any value above 1 is in percent (all its values are divided by 100);
 *       an accuracy below 0 or above 100 is an error.</li>
 * </ul>
 */
final class RecordAssembler {
    private final String file;
    private final List<Row> rows = new ArrayList<>();

    private record Row(long line, Map<LogField, Double> values, Map<String, Map<String, Double>> layers) {
    }

    RecordAssembler(String file) {
        this.file = file;
    }

    void add(long line, Map<LogField, Double> values, Map<String, Map<String, Double>> layers) {
        for (LogField f : List.of(LogField.STEP, LogField.EPOCH)) {
            Double v = values.get(f);
            if (v != null && (!Double.isFinite(v) || v < 0 || (f == LogField.STEP && v != Math.rint(v)))) {
                throw new TrainingLogException(file + ":" + line + ": " + f.specName() + " " + LogNumbers.format(v)
                        + " is not " + (f == LogField.STEP ? "a whole number >= 0" : "a finite number >= 0"));
            }
        }
        rows.add(new Row(line, new EnumMap<>(values), layers));
    }

    List<TrainingRecord> finish() {
        boolean stepped = rows.stream().anyMatch(r -> r.values.containsKey(LogField.STEP));
        LogField order = stepped ? LogField.STEP : LogField.EPOCH;
        List<Row> merged = new ArrayList<>();
        Row prev = null;
        for (Row r : rows) {
            Double key = r.values.get(order);
            if (stepped && key == null) {
                throw new TrainingLogException(file + ":" + r.line + ": no step, while other lines have one");
            }
            if (prev != null && key != null && prev.values.get(order) != null) {
                double before = prev.values.get(order);
                if (key < before) {
                    throw new TrainingLogException(file + ":" + r.line + ": " + order.specName() + " "
                            + LogNumbers.format(key) + " comes after " + order.specName() + " "
                            + LogNumbers.format(before) + " (line " + prev.line + "): "
                            + order.specName() + "s must not decrease");
                }
                if (stepped && key == before) {
                    Row m = merged.remove(merged.size() - 1);
                    Map<LogField, Double> values = new EnumMap<>(m.values);
                    values.putAll(r.values);
                    Map<String, Map<String, Double>> layers = new LinkedHashMap<>(m.layers);
                    r.layers.forEach((k, v) -> layers.merge(k, v, (a, b) -> {
                        Map<String, Double> c = new LinkedHashMap<>(a);
                        c.putAll(b);
                        return c;
                    }));
                    prev = new Row(m.line, values, layers);
                    merged.add(prev);
                    continue;
                }
            }
            merged.add(r);
            prev = r;
        }
        double trainScale = percentScale(merged, LogField.TRAIN_ACC);
        double valScale = percentScale(merged, LogField.VAL_ACC);
        List<TrainingRecord> out = new ArrayList<>();
        for (Row r : merged) {
            Map<LogField, Double> v = r.values;
            boolean metric = r.layers.values().stream().anyMatch(m -> !m.isEmpty())
                    || v.keySet().stream().anyMatch(f -> f != LogField.STEP && f != LogField.EPOCH);
            if (!metric) {
                continue;
            }
            Double step = v.get(LogField.STEP);
            out.add(new TrainingRecord(r.line, step == null ? null : step.longValue(), v.get(LogField.EPOCH),
                    v.get(LogField.LOSS), v.get(LogField.VAL_LOSS), scaled(v.get(LogField.TRAIN_ACC), trainScale),
                    scaled(v.get(LogField.VAL_ACC), valScale), v.get(LogField.LR), copy(r.layers)));
        }
        return out;
    }

    private double percentScale(List<Row> merged, LogField f) {
        double scale = 1;
        for (Row r : merged) {
            Double v = r.values.get(f);
            if (v != null && (v < 0 || v > 100)) {
                throw new TrainingLogException(file + ":" + r.line + ": " + f.specName() + " " + LogNumbers.format(v)
                        + " is outside [0, 1] (or [0, 100] as percent)");
            }
            if (v != null && v > 1) {
                scale = 100;
            }
        }
        return scale;
    }

    private static Double scaled(Double v, double scale) {
        return v == null ? null : v / scale;
    }

    private static Map<String, Map<String, Double>> copy(Map<String, Map<String, Double>> layers) {
        Map<String, Map<String, Double>> c = new LinkedHashMap<>();
        layers.forEach((k, v) -> c.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(c);
    }
}
