package org.nncheck.training;

import java.util.List;

/**
 * A training run as logged by any framework (SPEC section 4.2), or by nncheck's own training.
 *
 * @param source where it came from (a file path, or a name for an in-memory log)
 * @param meta what is known of the run
 * @param layers layer names in forward order (input side first); empty when no per-layer
 *     statistics were logged
 * @param records the records in step order
 * @param ignoredColumns columns (CSV) or keys (JSON Lines) that are other metrics than those of
 *     SPEC section 4.2, read past; a Lightning {@code _epoch} column whose {@code _step} twin is
 *     read is listed too
 */
public record TrainingLog(String source, LogMeta meta, List<String> layers, List<TrainingRecord> records,
                          List<String> ignoredColumns) {

    public TrainingLog {
        layers = List.copyOf(layers);
        records = List.copyOf(records);
        ignoredColumns = List.copyOf(ignoredColumns);
    }

    /** An in-memory log (no ignored columns). */
    public TrainingLog(String source, LogMeta meta, List<String> layers, List<TrainingRecord> records) {
        this(source, meta, layers, records, List.of());
    }

    /** The same log with other meta (command-line options win over the log's own meta line). */
    public TrainingLog withMeta(LogMeta newMeta) {
        return new TrainingLog(source, newMeta, layers, records, ignoredColumns);
    }
}
