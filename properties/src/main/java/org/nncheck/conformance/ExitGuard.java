package org.nncheck.conformance;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * Makes a premature end of the JVM a failure: an implementation that calls {@code System.exit(0)}
 * inside a component must not end a conformance run as a pass. While a guarded section runs (a
 * check, or a whole command-line run), a shutdown hook that finds the section still in flight
 * prints which one and halts the JVM with status {@value #STATUS}. ({@code Runtime.halt} from
 * the implementation runs no hooks and cannot be caught; it ends the JVM with the status the
 * implementation chose, so a caller should also treat a missing closing line as a failure.)
 */
public final class ExitGuard {
    /** The exit status of a run that the implementation ended. */
    public static final int STATUS = 1;

    private static final Deque<String> IN_FLIGHT = new ConcurrentLinkedDeque<>();
    private static boolean installed;

    private ExitGuard() {
    }

    private static synchronized void install() {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::onShutdown, "nncheck exit guard"));
            installed = true;
        }
    }

    private static void onShutdown() {
        String what = IN_FLIGHT.peekLast();
        if (what != null) {
            System.out.flush();
            System.err.println("FAIL " + what + ": the JVM began to shut down while this was running (System.exit from the"
                    + " implementation, or a signal); the run did not complete and is not a pass");
            System.err.flush();
            Runtime.getRuntime().halt(STATUS);
        }
    }

    /** Runs {@code body} with {@code what} (e.g. {@code activation/relu > required_...}) guarded. */
    public static <T> T during(String what, Supplier<T> body) {
        install();
        IN_FLIGHT.addLast(what);
        try {
            return body.get();
        } finally {
            IN_FLIGHT.removeLastOccurrence(what);
        }
    }
}
