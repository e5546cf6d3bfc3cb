package org.nncheck.sanity;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long steps on stderr: {@code step, loss, elapsed}, at most one line every
 * {@link #INTERVAL_NANOS} per task plus the last step, so that a 2-core run is not slowed by
 * printing. {@link #SILENT} prints nothing (tests).
 */
public final class Progress {
    /** Two seconds between lines of one task. */
    public static final long INTERVAL_NANOS = 2_000_000_000L;
    /** Prints nothing. */
    public static final Progress SILENT = new Progress(null);

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long last;
    private String lastTask = "";

    public Progress(PrintWriter out) {
        this.out = out;
    }

    /** Reports step {@code step} of {@code total} of {@code task}. */
    public void step(String task, int step, int total, double loss) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        boolean newTask = !task.equals(lastTask);
        if (newTask || step == total || now - last >= INTERVAL_NANOS) {
            out.printf(Locale.ROOT, "sanity %s: step %d/%d loss %.4g elapsed %.1fs%n", task, step, total, loss,
                    (now - start) / 1e9);
            out.flush();
            last = now;
            lastTask = task;
        }
    }

    /** A one-line note (a check started or ended). */
    public void note(String text) {
        if (out != null) {
            out.printf(Locale.ROOT, "sanity: %s (elapsed %.1fs)%n", text, (System.nanoTime() - start) / 1e9);
            out.flush();
        }
    }
}
