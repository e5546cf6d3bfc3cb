package org.nncheck.sanity;

import java.io.IOException;

/** An IDX file that cannot be read: missing, truncated, corrupt, or not IDX. The message names the file. */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
