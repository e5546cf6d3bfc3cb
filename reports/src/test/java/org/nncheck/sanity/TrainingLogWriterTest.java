package org.nncheck.sanity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.training.LogMeta;
import org.nncheck.training.TrainingDiagnostics;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingRecord;

/** The JSON Lines form of nncheck's own training logs (SPEC section 4.2). */
class TrainingLogWriterTest {

    private static TrainingLog log() {
        Map<String, Map<String, Double>> layers = new LinkedHashMap<>();
        layers.put("fc1", Map.of("grad_norm", 0.5));
        layers.put("fc2", Map.of("grad_norm", Double.POSITIVE_INFINITY));
        return new TrainingLog("test", new LogMeta(10, "softmax_cross_entropy", 64, 1000, "nncheck"), List.of("fc1", "fc2"), List.of(
                new TrainingRecord(0, 0L, 0.0, 2.3, null, 0.1, null, 0.1, layers),
                new TrainingRecord(0, 1L, 0.064, Double.NaN, 2.2, null, 0.2, 0.1, Map.of())));
    }

    @Test
    void metaLineThenOneObjectPerRecordWithNonFiniteAsStrings() throws Exception {
        StringWriter w = new StringWriter();
        TrainingLogWriter.write(log(), w);
        String[] lines = w.toString().split("\n");
        assertEquals(3, lines.length);
        ObjectMapper m = new ObjectMapper();
        JsonNode meta = m.readTree(lines[0]).get("meta");
        assertEquals(10, meta.get("num_classes").asInt());
        JsonNode first = m.readTree(lines[1]);
        assertEquals(0, first.get("step").asLong());
        assertEquals(2.3, first.get("loss").asDouble());
        assertTrue(!first.has("val_loss"), "not logged: left out");
        assertEquals("Infinity", first.get("layers").get("fc2").get("grad_norm").asText());
        assertEquals(List.of("fc1", "fc2"), iterate(first.get("layers").fieldNames()));
        JsonNode second = m.readTree(lines[2]);
        assertEquals("NaN", second.get("loss").asText());
        assertEquals(0.2, second.get("val_acc").asDouble());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Needs the training-log reader (SPEC section 4.2). */
    @Test
    void readsBackThroughTheTrainingLogReader(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.jsonl");
        TrainingLogWriter.write(log(), f);
        TrainingLog back = TrainingDiagnostics.read(f);
        assertEquals(2, back.records().size());
        assertEquals(List.of("fc1", "fc2"), back.layers());
        assertEquals(10, back.meta().numClasses());
        assertTrue(back.records().get(1).loss().isNaN());
        assertEquals(Double.POSITIVE_INFINITY, back.records().get(0).layers().get("fc2").get("grad_norm"));
    }
}
