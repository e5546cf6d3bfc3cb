package org.nncheck.training;

/** A training log that cannot be read: the message names the file and the line. */
public final class TrainingLogException extends RuntimeException {

    public TrainingLogException(String message) {
        super(message);
    }
}
