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
 */
public record TrainingLog(String source, LogMeta meta, List<String> layers, List<TrainingRecord> records) {

    public TrainingLog {
        layers = List.copyOf(layers);
        records = List.copyOf(records);
    }
}
