package org.nncheck.sanity;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.training.LogMeta;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingRecord;

/**
 * Writes a {@link TrainingLog} as JSON Lines in the format of SPEC section 4.2: a first line
 * {@code {"meta": {...}}}, then one object per record with {@code step}, {@code epoch},
 * {@code loss}, {@code val_loss}, {@code train_acc}, {@code val_acc}, {@code lr} where logged and
 * {@code "layers": {"<layer>": {"<stat>": value}}} in forward order. Non-finite values are the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (Jackson's
 * {@code WRITE_NAN_AS_STRINGS}, on by default), as the SPEC asks. So nncheck's own training
 * runs can be read back by {@code nncheck sanity --log}.
 */
public final class TrainingLogWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private TrainingLogWriter() {
    }

    /** Writes {@code log} to {@code file} (replaced). */
    public static void write(TrainingLog log, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(log, w);
        }
    }

    /** Writes {@code log} to {@code out}, one line per object. */
    public static void write(TrainingLog log, Writer out) throws IOException {
        out.write(MAPPER.writeValueAsString(Map.of("meta", meta(log.meta()))));
        out.write('\n');
        for (TrainingRecord r : log.records()) {
            out.write(MAPPER.writeValueAsString(record(r)));
            out.write('\n');
        }
    }

    private static Map<String, Object> meta(LogMeta m) {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "num_classes", m.numClasses());
        put(o, "loss", m.loss());
        put(o, "batch_size", m.batchSize());
        put(o, "train_size", m.trainSize());
        put(o, "framework", m.framework());
        return o;
    }

    private static Map<String, Object> record(TrainingRecord r) {
        Map<String, Object> o = new LinkedHashMap<>();
        put(o, "step", r.step());
        put(o, "epoch", r.epoch());
        put(o, "loss", r.loss());
        put(o, "val_loss", r.valLoss());
        put(o, "train_acc", r.trainAcc());
        put(o, "val_acc", r.valAcc());
        put(o, "lr", r.lr());
        if (r.layers() != null && !r.layers().isEmpty()) {
            o.put("layers", r.layers());
        }
        return o;
    }

    private static void put(Map<String, Object> o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
