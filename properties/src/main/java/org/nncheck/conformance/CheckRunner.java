package org.nncheck.conformance;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one check so that nothing the implementation does can stop the run: on its own daemon
 * thread (whose context class loader is the implementation's, so that libraries finding a
 * backend through it, such as ND4J, work), with a time limit (a check still running then is
 * reported as a hang and abandoned), catching every {@link Throwable} (StackOverflowError,
 * OutOfMemoryError, LinkageError included) as a failure of that entry and check with its cause
 * chain, and under {@link ExitGuard} so that {@code System.exit} is a failure.
 */
final class CheckRunner {
    private CheckRunner() {
    }

    static CheckResult run(String entry, String check, Duration timeout, ClassLoader contextLoader, Callable<CheckResult> body) {
        String what = entry + " > " + check;
        return ExitGuard.during(what, () -> {
            CompletableFuture<CheckResult> result = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    result.complete(body.call());
                } catch (Throwable ex) {
                    result.completeExceptionally(ex);
                }
            }, "nncheck " + what);
            t.setDaemon(true);
            t.setContextClassLoader(contextLoader);
            t.start();
            try {
                CheckResult r = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return r != null ? r : CheckResult.fail(entry, check, "the check gave no result");
            } catch (TimeoutException ex) {
                t.interrupt();
                return CheckResult.fail(entry, check, "did not finish within " + timeout.toSeconds()
                        + " s (a hang, a deadlock or an endless loop in the implementation?); abandoned", CheckResult.Evidence.CRASHED);
            } catch (ExecutionException ex) {
                return CheckResult.fail(entry, check, "threw " + Failures.describe(ex.getCause()), CheckResult.Evidence.CRASHED);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                t.interrupt();
                return CheckResult.fail(entry, check, "interrupted before it finished");
            }
        });
    }
}
