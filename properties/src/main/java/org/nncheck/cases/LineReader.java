package org.nncheck.cases;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} without decoding it (each JSON Lines record is
 * decoded, and may fail to decode, on its own). A line that does not fit in memory is skipped
 * to its end and flagged {@link #tooLong()}.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private boolean eof;
    private byte[] line = new byte[256];
    private int length;
    private boolean tooLong;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                if (eof || !fill()) {
                    return any;
                }
            }
            any = true;
            int nl = -1;
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int stop = nl < 0 ? end : nl;
            append(pos, stop - pos);
            pos = nl < 0 ? end : nl + 1;
            if (nl >= 0) {
                if (!tooLong && length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    private void append(int from, int n) {
        if (tooLong) {
            return;
        }
        if (length + n > line.length) {
            try {
                long want = Math.max((long) line.length * 2, (long) length + n);
                if (want > Integer.MAX_VALUE - 8) {
                    throw new OutOfMemoryError("a line over 2 GB");
                }
                line = Arrays.copyOf(line, (int) want);
            } catch (OutOfMemoryError e) {
                line = new byte[256];
                length = 0;
                tooLong = true;
                return;
            }
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    /** The current line's bytes (valid up to {@link #length()}). */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** Whether the current line was too long to hold (its bytes are dropped). */
    boolean tooLong() {
        return tooLong;
    }
}
