package org.nncheck.training;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Entry points of the training-log diagnosis (SPEC section 4.2): {@link #read(Path)} a log
 * written by any framework, {@link #diagnose(TrainingLog)} it. The detectors and their thresholds
 * are described in docs/TRAINING-LOGS.md.
 */
public final class TrainingDiagnostics {

    private TrainingDiagnostics() {
    }

    /**
     * Reads a training log, by content: JSON Lines when its first non-blank line starts with
     * <code>{</code>, otherwise CSV with a header row.
     *
     * @throws TrainingLogException for bad input (a missing file, an unknown or duplicated
     *     column, a non-numeric cell, no loss, decreasing steps): the message names the file and
     *     the line (and the column), complete enough to be printed as is
     * @throws IOException when the file exists but cannot be read
     */
    public static TrainingLog read(Path file) throws IOException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new TrainingLogException(name + ": is a directory, not a training log");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TrainingLogException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new TrainingLogException(name + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new TrainingLogException(name + ": not UTF-8 text (a CSV or JSON Lines training log is)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (first.isEmpty()) {
            throw new TrainingLogException(name + ": empty file");
        }
        return first.stripLeading().startsWith("{") ? JsonLinesLogReader.read(name, lines)
                : CsvLogReader.read(name, lines);
    }

    /**
     * Every problem the detectors find, in the order of SPEC section 4.2's table; an empty list for
     * a healthy run. Detectors that need what the log does not have (per-layer statistics,
     * validation metrics, accuracies, the number of classes, enough records) say nothing.
     */
    public static List<Diagnosis> diagnose(TrainingLog log) {
        List<Diagnosis> out = new ArrayList<>();
        RunView run = new RunView(log);
        LossDetectors.detect(run, out);
        LayerDetectors.detect(run, out);
        GeneralizationDetectors.detect(run, out);
        if (out.stream().anyMatch(d -> LAYER_CAUSES.contains(d.id()))) {
            out.removeIf(d -> NOT_THE_CAUSE.contains(d.id()));
        }
        return List.copyOf(out);
    }

    /**
     * Diagnoses that explain a loss that does not move, or a low accuracy, better than the learning
     * rate or the capacity: when one is found, {@link #NOT_THE_CAUSE} are not reported (raising
     * the learning rate or the capacity does not revive dead or saturated units, nor repair weights
     * initialized far too large: the held-out CNN with weights N(0, 1) was called underfitting).
     */
    private static final Set<String> LAYER_CAUSES = Set.of("dying_relu", "saturation", "vanishing_gradients",
            "initial_loss_off");
    private static final Set<String> NOT_THE_CAUSE = Set.of("lr_too_low", "update_ratio_low", "underfitting");
}
