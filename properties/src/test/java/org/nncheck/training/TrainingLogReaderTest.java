package org.nncheck.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading training logs (SPEC section 4.2, docs/SPEC-EXTENSIONS.md) and the messages for bad input. */
class TrainingLogReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private String error(String name, String text) throws IOException {
        Path p = write(name, text);
        return assertThrows(TrainingLogException.class, () -> TrainingDiagnostics.read(p)).getMessage()
                .replace(p.toString(), name);
    }

    @Test
    void kerasCsvLoggerOutputWithNonFiniteCells() throws IOException {
        // Keras' CSVLogger: "epoch" then the sorted keys, rows ending in \r\n, floats as Python prints them
        TrainingLog log = TrainingDiagnostics.read(write("k.csv", "epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                + "0,0.75,0.74,0.82,0.51\r\n1,0.83,nan,0.81,inf\r\n2,0.85,-INF,0.8,NaN\r\n"));
        assertEquals(3, log.records().size());
        TrainingRecord r = log.records().get(0);
        assertNull(r.step());
        assertEquals(0.0, r.epoch());
        assertEquals(0.74, r.loss());
        assertEquals(0.75, r.trainAcc());
        assertEquals(0.82, r.valAcc());
        assertEquals(0.51, r.valLoss());
        assertEquals(2L, r.line());
        assertTrue(Double.isNaN(log.records().get(1).loss()));
        assertEquals(Double.POSITIVE_INFINITY, log.records().get(1).valLoss());
        assertEquals(Double.NEGATIVE_INFINITY, log.records().get(2).loss());
        assertEquals(List.of(), log.ignoredColumns());
    }

    @Test
    void lightningRowsOfOneStepAreMergedAndStepColumnsWinOverEpochColumns() throws IOException {
        TrainingLog log = TrainingDiagnostics.read(write("metrics.csv",
                "epoch,step,train_acc_epoch,train_acc_step,train_loss_epoch,train_loss_step,val_acc,val_loss,lr-SGD\n"
                        + "0,49,,0.77,,0.68,,,0.1\n"
                        + "0,78,,,,,0.82,0.51,\n"
                        + "0,78,0.75,,0.74,,,,\n"
                        + "1,99,,0.80,,0.55,,,\n"));
        assertEquals(3, log.records().size());
        TrainingRecord val = log.records().get(1);
        assertEquals(78L, val.step());
        assertEquals(3L, val.line());
        assertNull(val.loss(), "the _epoch average is not read where _step values are");
        assertEquals(0.51, val.valLoss());
        assertEquals(0.82, val.valAcc());
        assertEquals(0.68, log.records().get(0).loss());
        // lr-SGD is Lightning's LearningRateMonitor column: the learning rate (it was ignored before
        // the held-out logs with schedules, docs/TRAINING-LOGS.md)
        assertEquals(0.1, log.records().get(0).lr());
        assertEquals(List.of("train_acc_epoch", "train_loss_epoch"), log.ignoredColumns());
    }

    @Test
    void epochColumnsAloneAreRead() throws IOException {
        TrainingLog log = TrainingDiagnostics.read(write("m.csv", "epoch,step,train_loss_epoch,val_loss\n"
                + "0,93,0.7,0.6\n1,187,0.5,0.55\n"));
        assertEquals(List.of(0.7, 0.5), log.records().stream().map(TrainingRecord::loss).toList());
    }

    @Test
    void aliasesNamespacesPercentAndLayerColumns() throws IOException {
        TrainingLog log = TrainingDiagnostics.read(write("a.csv",
                "Global_Step,train/loss,Accuracy,grad_norm/conv1,DEAD_FRACTION/conv1,grad_norm/fc\n"
                        + "10,2.3,12.5,0.1,0.0,0.2\n20,2.1,50,0.2,,0.3\n"));
        assertEquals(List.of("conv1", "fc"), log.layers());
        TrainingRecord r = log.records().get(0);
        assertEquals(10L, r.step());
        assertEquals(2.3, r.loss());
        assertEquals(0.125, r.trainAcc(), "values above 1 are percent");
        assertEquals(Map.of("grad_norm", 0.1, "dead_fraction", 0.0), r.layers().get("conv1"));
        assertEquals(Map.of("grad_norm", 0.2), log.records().get(1).layers().get("conv1"));
    }

    @Test
    void jsonLinesWithMetaAndLayers() throws IOException {
        TrainingLog log = TrainingDiagnostics.read(write("l.jsonl", "{\"meta\": {\"num_classes\": 10, \"batch_size\": 64,"
                + " \"framework\": \"jax\", \"seed\": 3}}\n"
                + "{\"step\": 0, \"loss\": 2.31}\n\n"
                + "{\"step\": 10, \"loss\": \"NaN\", \"time\": 1.5, \"layers\": {\"fc1\": {\"grad_norm\": \"Infinity\","
                + " \"weight_norm\": 3.0}, \"fc2\": {\"act_mean\": null}}}\n"
                + "{\"step\": 10, \"val_loss\": 2.2}\n"));
        assertEquals(new LogMeta(10, null, 64, null, "jax"), log.meta());
        assertEquals(List.of("fc1", "fc2"), log.layers());
        assertEquals(2, log.records().size());
        TrainingRecord r = log.records().get(1);
        assertTrue(Double.isNaN(r.loss()));
        assertEquals(2.2, r.valLoss());
        assertEquals(Double.POSITIVE_INFINITY, r.layers().get("fc1").get("grad_norm"));
        assertEquals(List.of("time"), log.ignoredColumns());
    }

    @Test
    void metaGivenOnTheCommandLineWins() throws IOException {
        // num_classes 2 in the file (it was 1000, a first loss far below ln C, until initial_loss_off
        // stopped flagging low first losses: those are pretrained starts, docs/TRAINING-LOGS.md)
        TrainingLog log = TrainingDiagnostics.read(write("m.jsonl", "{\"meta\": {\"num_classes\": 2}}\n"
                + "{\"step\": 0, \"loss\": 2.31}\n{\"step\": 1, \"loss\": 2.30}\n"));
        assertEquals(List.of("initial_loss_off"), TrainingDiagnostics.diagnose(log).stream().map(Diagnosis::id).toList(),
                "2.31 is far above ln 2 = 0.69");
        TrainingLog fixed = log.withMeta(new LogMeta(10, null, null, null, null));
        assertEquals(List.of(), TrainingDiagnostics.diagnose(fixed));
        assertEquals(log.records(), fixed.records());
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        TrainingLogException e = assertThrows(TrainingLogException.class, () -> TrainingDiagnostics.read(p));
        assertEquals(p + ": no such file", e.getMessage());
    }

    @Test
    void badCsvInputNamesFileLineAndColumn() throws IOException {
        assertEquals("x.csv:1: column 3 'Loss' duplicates column 2", error("x.csv", "step,loss,Loss\n1,2,3\n"));
        assertEquals("x.csv:1: column 3 'training_loss' duplicates column 2 'loss': both are loss",
                error("x.csv", "step,loss,training_loss\n1,2,3\n"));
        assertEquals("x.csv:1: column 2 'grad_nrom/fc1': unknown per-layer statistic 'grad_nrom' (known: act_mean, "
                        + "act_std, dead_fraction, grad_norm, saturated_fraction, update_norm, weight_norm)",
                error("x.csv", "step,grad_nrom/fc1,loss\n1,2,3\n"));
        assertEquals("x.csv:1: column 2 'grad_norm/' names no layer (expected <stat>/<layer>)",
                error("x.csv", "step,grad_norm/,loss\n1,2,3\n"));
        assertEquals("x.csv:1: column 2 has no name", error("x.csv", "step,,loss\n1,2,3\n"));
        assertTrue(error("x.csv", "epoch,accuracy,val_loss\n0,0.5,1\n")
                .startsWith("x.csv:1: no loss column (one of loss, train_loss, training_loss"));
        assertEquals("x.csv:3: column 2 'loss': 'n/a' is not a number (nan, inf, -inf are)",
                error("x.csv", "step,loss\n1,2.3\n2,n/a\n"));
        assertEquals("x.csv:4: step 5 comes after step 10 (line 3): steps must not decrease",
                error("x.csv", "step,loss\n\n10,2.3\n5,2.2\n"));
        assertEquals("x.csv:3: epoch 0 comes after epoch 1 (line 2): epochs must not decrease",
                error("x.csv", "epoch,loss\n1,2.3\n0,2.2\n"));
        assertEquals("x.csv:2: 3 cells, the header (line 1) has 2 columns", error("x.csv", "step,loss\n1,2,3\n"));
        assertEquals("x.csv:2: step 1.5 is not a whole number >= 0", error("x.csv", "step,loss\n1.5,2\n"));
        assertEquals("x.csv:2: train_acc 140 is outside [0, 1] (or [0, 100] as percent)",
                error("x.csv", "step,loss,acc\n1,2,140\n"));
        assertEquals("x.csv:3: no step, while other lines have one", error("x.csv", "step,loss\n1,2\n,2\n"));
        assertEquals("x.csv: empty file", error("x.csv", "\n\n"));
        assertEquals("x.csv: no records after the header (line 1)", error("x.csv", "step,loss\n"));
        assertEquals("x.csv:2: unterminated quote", error("x.csv", "step,loss\n\"1,2\n"));
    }

    @Test
    void badJsonLinesInputNamesFileLineAndColumn() throws IOException {
        assertEquals("x.jsonl:2: column 45: $.layers.fc1.grad_nrom: unknown per-layer statistic \"grad_nrom\" "
                        + "(known: act_mean, act_std, dead_fraction, grad_norm, saturated_fraction, update_norm, "
                        + "weight_norm)",
                error("x.jsonl", "{\"step\": 1, \"loss\": 2}\n{\"step\": 2, \"layers\": {\"fc1\": {\"grad_nrom\": 1}}}\n"));
        assertEquals("x.jsonl:1: column 21: $.loss: expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), "
                + "found the string \"high\"", error("x.jsonl", "{\"step\": 1, \"loss\": \"high\"}\n"));
        assertEquals("x.jsonl:1: column 27: $.loss: \"loss\" and \"train_loss\" are both loss",
                error("x.jsonl", "{\"train_loss\": 1, \"loss\": 2}\n"));
        assertEquals("x.jsonl:2: column 10: $.meta: \"meta\" is allowed only on the first line",
                error("x.jsonl", "{\"loss\": 1}\n{\"meta\": {}}\n"));
        assertEquals("x.jsonl:1: column 26: $.meta.num_classes: meta \"num_classes\" must be a whole number >= 1, "
                + "found the number 2.5", error("x.jsonl", "{\"meta\": {\"num_classes\": 2.5}}\n{\"loss\": 1}\n"));
        assertEquals("x.jsonl: no line has a loss (\"loss\", \"train_loss\" or \"training_loss\")",
                error("x.jsonl", "{\"step\": 1, \"val_loss\": 2}\n"));
        assertEquals("x.jsonl:3: step 1 comes after step 2 (line 2): steps must not decrease",
                error("x.jsonl", "{\"step\": 1, \"loss\": 2}\n{\"step\": 2, \"loss\": 2}\n{\"step\": 1, \"loss\": 2}\n"));
        assertTrue(error("x.jsonl", "{\"step\": 1, \"loss\": 2}\n{\"step\": 2, \"loss\": NaN}\n")
                .startsWith("x.jsonl:2: $.loss: bare NaN is not JSON"));
        assertEquals("x.jsonl:2: column 1: $: expected a JSON object, found an array",
                error("x.jsonl", "{\"loss\": 1}\n[1]\n"));
    }
}
