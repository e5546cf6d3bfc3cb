package org.nncheck.outcome;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --report DIR} of every command: {@code DIR/junit.xml} and {@code DIR/allure-results/}.
 * The Allure results can be turned into HTML with {@code allure generate} (or are part of
 * {@code nncheck report}).
 */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static void write(Outcomes run, Path dir) throws IOException {
        JunitXmlWriter.write(run, dir.resolve("junit.xml"));
        AllureResultsWriter.write(run, dir.resolve("allure-results"));
    }

    /**
     * {@code nncheck sanity --report DIR}: the training sanity checks as {@code DIR/junit.xml} and
     * {@code DIR/allure-results/} (figures as PNG attachments).
     *
     * @param environment extra environment entries (data set, seeds), after version, commit, JVM, OS, date
     */
    public static Outcomes writeSanity(java.util.List<org.nncheck.sanity.SanityCheckResult> results, java.util.Map<String, String> environment,
                                       Path dir) throws IOException {
        Outcomes run = new Outcomes("nncheck sanity", SanityOutcomes.of(results, "Fashion-MNIST",
                System.currentTimeMillis() - results.stream().mapToLong(r -> r.duration() == null ? 0 : r.duration().toMillis()).sum()),
                RunEnvironment.of(environment));
        write(run, dir);
        return run;
    }
}
