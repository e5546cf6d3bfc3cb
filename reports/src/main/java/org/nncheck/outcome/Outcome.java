package org.nncheck.outcome;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One check's result as every writer sees it (JUnit XML, Allure results, JSON, console): where it
 * belongs (part, suite, sub-suite), what it checked, its verdict and why.
 *
 * @param part the report part, e.g. {@code Conformance}, {@code Cases}
 * @param suite the suite inside the part, e.g. a family or a folder
 * @param subSuite a finer grouping (an entry, a component), or {@code null}
 * @param name the test's name as a person reads it, e.g. {@code rejects injected bug relu-bug0}
 * @param status the verdict
 * @param category why it failed (only for failed or broken outcomes), else {@code null}
 * @param message one line: what failed, or a short summary when it passed
 * @param detail the full explanation (tables, values, alternatives); may be empty
 * @param startMillis epoch milliseconds when it started
 * @param durationMillis how long it took
 * @param parameters what identifies the check (seed, params, file), in order
 * @param attachments tables and plots
 */
public record Outcome(String part, String suite, String subSuite, String name, Status status, Category category,
                      String message, String detail, long startMillis, long durationMillis, Map<String, String> parameters,
                      List<Attachment> attachments) {

    /** Verdict of a check; {@link #FAILED} and {@link #BROKEN} both make the exit code non-zero. */
    public enum Status {
        /** the check passed (an expected rejection that happened is a pass) */
        PASSED,
        /** the implementation or input under test is wrong */
        FAILED,
        /** the check could not be made: malformed input, or the implementation crashed */
        BROKEN,
        /** not run, with the reason in the message */
        SKIPPED;

        public boolean counted() {
            return this != SKIPPED;
        }

        public boolean bad() {
            return this == FAILED || this == BROKEN;
        }
    }

    public Outcome {
        Objects.requireNonNull(part);
        Objects.requireNonNull(suite);
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        message = message == null ? "" : message;
        detail = detail == null ? "" : detail;
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        attachments = List.copyOf(attachments);
        if (status.bad() && category == null) {
            throw new IllegalArgumentException("a failed outcome needs a category: " + name);
        }
        if (!status.bad()) {
            category = null;
        }
    }

    /** {@code part.suite.subSuite}, the class name of JUnit XML and the Allure full name's prefix. */
    public String className() {
        return part + "." + suite + (subSuite == null ? "" : "." + subSuite);
    }

    /** A copy with other attachments. */
    public Outcome withAttachments(List<Attachment> more) {
        return new Outcome(part, suite, subSuite, name, status, category, message, detail, startMillis, durationMillis,
                parameters, more);
    }
}
