package org.nncheck.training;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a CSV training log with a header row, as Keras' {@code CSVLogger} (keras/callbacks/csv_logger.py:
 * column {@code epoch}, then {@code sorted(logs.keys())}, one row per epoch, floats as Python's
 * {@code str}, so {@code nan} and {@code inf}) and Lightning's {@code CSVLogger}
 * (lightning/fabric/loggers/csv_logs.py, {@code _ExperimentWriter}: {@code metrics.csv}, each row a
 * {@code log_metrics} call with {@code step} added, the columns the sorted union of the keys
 * (insertion order in 1.x), empty cells for what a row does not log) write it. Column order does not
 * matter here.
 * Columns (docs/SPEC-EXTENSIONS.md): the fields of {@link LogField} (case-insensitive, with
 * Lightning's {@code _step}/{@code _epoch} suffixes and {@code /} namespaces), per-layer
 * statistics {@code <stat>/<layer>}; any other column is another metric, ignored and listed in
 * {@link TrainingLog#ignoredColumns()}; a column named like a per-layer statistic that is none is
 * an error.
 */
final class CsvLogReader {
    private final String file;

    private CsvLogReader(String file) {
        this.file = file;
    }

    private record LayerColumn(int index, String layer, String stat) {
    }

    private record FieldColumn(int index, LogField field, int rank, String name) {
    }

    /** Reads the lines of a CSV log (1-based line numbers are positions in {@code lines}). */
    static TrainingLog read(String file, List<String> lines) {
        return new CsvLogReader(file).parse(lines);
    }

    private TrainingLog parse(List<String> lines) {
        int h = 0;
        while (h < lines.size() && lines.get(h).isBlank()) {
            h++;
        }
        if (h == lines.size()) {
            throw new TrainingLogException(file + ": empty: no header row");
        }
        long headerLine = h + 1;
        List<String> header = split(lines.get(h), headerLine);
        Map<LogField, FieldColumn> fields = new EnumMap<>(LogField.class);
        List<LayerColumn> layerCols = new ArrayList<>();
        Set<String> layerOrder = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            String where = file + ":" + headerLine + ": column " + (i + 1);
            if (name.isEmpty()) {
                throw new TrainingLogException(where + " has no name");
            }
            Integer dup = seen.put(name.toLowerCase(Locale.ROOT), i);
            if (dup != null) {
                throw new TrainingLogException(where + " '" + name + "' duplicates column " + (dup + 1));
            }
            LogField.Match m = LogField.match(name);
            if (m != null) {
                FieldColumn c = new FieldColumn(i, m.field(), m.rank(), name);
                FieldColumn other = fields.get(m.field());
                if (other != null && other.rank == m.rank()) {
                    throw new TrainingLogException(where + " '" + name + "' duplicates column " + (other.index + 1)
                            + " '" + other.name + "': both are " + m.field().specName());
                }
                if (other == null || m.rank() < other.rank) {
                    fields.put(m.field(), c);
                    if (other != null) {
                        ignored.add(other.name);
                    }
                } else {
                    ignored.add(name);
                }
                continue;
            }
            int slash = name.indexOf('/');
            String stat = slash < 0 ? name : name.substring(0, slash).toLowerCase(Locale.ROOT);
            if (slash > 0 && LogField.LAYER_STATS.contains(stat)) {
                String layer = name.substring(slash + 1).trim();
                if (layer.isEmpty()) {
                    throw new TrainingLogException(where + " '" + name + "' names no layer (expected <stat>/<layer>)");
                }
                layerCols.add(new LayerColumn(i, layer, stat));
                layerOrder.add(layer);
            } else if (slash > 0 && LogField.looksLikeLayerStat(stat)) {
                throw new TrainingLogException(where + " '" + name + "': unknown per-layer statistic '" + stat
                        + "' (known: " + String.join(", ", new TreeSet<>(LogField.LAYER_STATS)) + ")");
            } else {
                ignored.add(name);
            }
        }
        if (!fields.containsKey(LogField.LOSS)) {
            throw new TrainingLogException(file + ":" + headerLine + ": no loss column (one of loss, train_loss, "
                    + "training_loss, optionally with Lightning's _step or _epoch suffix); columns: "
                    + String.join(", ", header));
        }
        RecordAssembler records = new RecordAssembler(file);
        for (int l = h + 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            long line = l + 1;
            List<String> cells = split(lines.get(l), line);
            if (cells.size() != header.size()) {
                throw new TrainingLogException(file + ":" + line + ": " + cells.size() + " cells, the header (line "
                        + headerLine + ") has " + header.size() + " columns");
            }
            Map<LogField, Double> values = new EnumMap<>(LogField.class);
            for (FieldColumn c : fields.values()) {
                Double v = cell(cells, c.index, header, line);
                if (v != null) {
                    values.put(c.field, v);
                }
            }
            Map<String, Map<String, Double>> layers = new LinkedHashMap<>();
            for (LayerColumn c : layerCols) {
                Double v = cell(cells, c.index, header, line);
                if (v != null) {
                    layers.computeIfAbsent(c.layer, k -> new LinkedHashMap<>()).put(c.stat, v);
                }
            }
            records.add(line, values, layers);
        }
        List<TrainingRecord> recs = records.finish();
        if (recs.isEmpty()) {
            throw new TrainingLogException(file + ": no records after the header (line " + headerLine + ")");
        }
        return new TrainingLog(file, LogMeta.UNKNOWN, List.copyOf(layerOrder), recs, ignored);
    }

    private Double cell(List<String> cells, int index, List<String> header, long line) {
        String s = cells.get(index).trim();
        if (s.isEmpty()) {
            return null;
        }
        Double v = LogNumbers.parse(s);
        if (v == null) {
            throw new TrainingLogException(file + ":" + line + ": column " + (index + 1) + " '" + header.get(index).trim()
                    + "': '" + s + "' is not a number (nan, inf, -inf are)");
        }
        return v;
    }

    /** Splits a CSV line (RFC 4180 quoting: "a,b" and "" inside quotes; no line breaks in cells). */
    private List<String> split(String text, long line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new TrainingLogException(file + ":" + line + ": unterminated quote");
        }
        cells.add(cur.toString());
        return cells;
    }
}
