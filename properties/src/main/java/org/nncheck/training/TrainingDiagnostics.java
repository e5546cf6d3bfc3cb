package org.nncheck.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry points of the training-log diagnosis (SPEC section 4.2). Being built (issue 9): the
 * signatures are fixed so that the sanity checks and the report can be written against them.
 */
public final class TrainingDiagnostics {

    private TrainingDiagnostics() {
    }

    /**
     * Reads a training log (CSV with a header row, or JSON Lines), by content.
     *
     * @throws TrainingLogException for bad input, with file and line
     */
    public static TrainingLog read(Path file) throws IOException {
        throw new UnsupportedOperationException("training-log reader: being built (issue 9)");
    }

    /** Every problem the detectors find; an empty list for a healthy run. */
    public static List<Diagnosis> diagnose(TrainingLog log) {
        throw new UnsupportedOperationException("training-log detectors: being built (issue 9)");
    }
}
