package org.nncheck.conformance;

import java.util.List;
import java.util.Objects;

/**
 * One conformance check of one catalogue entry.
 *
 * @param entry the family-qualified entry key, e.g. {@code activation/relu}
 * @param check the check's name as in the SPEC style: {@code required_...} (every
 *     implementation), {@code optional_...} (only when the implementation provides the feature)
 * @param status passed, failed or skipped
 * @param detail why it failed or was skipped (with the seed, parameters, tensor, index and
 *     values), or a short summary when it passed
 * @param evidence what the kit measured about a failure, for a report to classify it without
 *     reading the detail ({@link Evidence#NONE} when nothing was measured)
 */
public record CheckResult(String entry, String check, Status status, String detail, Evidence evidence) {

    /** Outcome of a check. */
    public enum Status { PASSED, FAILED, SKIPPED }

    /**
     * What a failing check measured.
     *
     * @param worstShare the largest {@code |difference| / allowed} ({@link Allowance}) over the
     *     failing elements of the failing samples: between 1 and a few it is the arithmetic's
     *     precision, far beyond it a wrong value; infinite for a missing tensor, a wrong shape or
     *     a non-finite difference; NaN when no value was compared
     * @param conventions the documented alternative conventions of the entry (catalogue names)
     *     under which a failing sample's tensors would match
     * @param crashed whether the implementation threw or did not finish
     */
    public record Evidence(double worstShare, List<String> conventions, boolean crashed) {
        /** Nothing measured. */
        public static final Evidence NONE = new Evidence(Double.NaN, List.of(), false);
        /** The implementation threw or did not finish. */
        public static final Evidence CRASHED = new Evidence(Double.NaN, List.of(), true);

        public Evidence {
            conventions = List.copyOf(conventions);
        }
    }

    public CheckResult {
        Objects.requireNonNull(entry);
        Objects.requireNonNull(check);
        Objects.requireNonNull(status);
        detail = detail == null ? "" : detail;
        evidence = evidence == null ? Evidence.NONE : evidence;
    }

    /** A result without measured evidence. */
    public CheckResult(String entry, String check, Status status, String detail) {
        this(entry, check, status, detail, Evidence.NONE);
    }

    public static CheckResult pass(String entry, String check, String detail) {
        return new CheckResult(entry, check, Status.PASSED, detail);
    }

    public static CheckResult fail(String entry, String check, String detail) {
        return new CheckResult(entry, check, Status.FAILED, detail);
    }

    /** A failure with what the check measured. */
    public static CheckResult fail(String entry, String check, String detail, Evidence evidence) {
        return new CheckResult(entry, check, Status.FAILED, detail, evidence);
    }

    public static CheckResult skip(String entry, String check, String reason) {
        return new CheckResult(entry, check, Status.SKIPPED, reason);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    public boolean skipped() {
        return status == Status.SKIPPED;
    }

    /** One line for a command line: {@code PASS activation/relu required_forward_matches_reference ...}. */
    public String line() {
        String mark = switch (status) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
        String first = detail.lines().findFirst().orElse("");
        return mark + " " + entry + " " + check + (first.isEmpty() ? "" : "  " + first);
    }

    /** {@link #line()} followed by the rest of the detail (per-tensor tables, every failing sample), indented. */
    public String text() {
        List<String> lines = detail.lines().toList();
        StringBuilder sb = new StringBuilder(line());
        for (int i = 1; i < lines.size(); i++) {
            sb.append(System.lineSeparator()).append("    ").append(lines.get(i));
        }
        return sb.toString();
    }
}
