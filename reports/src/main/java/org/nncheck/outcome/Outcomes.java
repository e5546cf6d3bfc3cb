package org.nncheck.outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one command checked, in order, with the environment it ran in. The closing line,
 * the exit code and every writer's totals come from here, so they cannot disagree.
 *
 * @param title e.g. {@code nncheck verify}
 * @param outcomes the outcomes in run order
 * @param environment what a reader needs to reproduce the run (version, commit, JVM, device, seeds, date)
 */
public record Outcomes(String title, List<Outcome> outcomes, Map<String, String> environment) {

    public Outcomes {
        outcomes = List.copyOf(outcomes);
        environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    }

    public long passed() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.PASSED).count();
    }

    /** Failed outcomes (JUnit XML's {@code failures}). */
    public long failed() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).count();
    }

    /** Outcomes that could not be checked, e.g. malformed cases (JUnit XML's {@code errors}). */
    public long broken() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.BROKEN).count();
    }

    /** Whether anything failed or was broken. */
    public boolean anyBad() {
        return failed() + broken() > 0;
    }

    public long skipped() {
        return outcomes.stream().filter(o -> o.status() == Outcome.Status.SKIPPED).count();
    }

    /**
     * {@code N passed, M failed} (then {@code , K broken} and {@code , K skipped} when any were): the
     * closing line; N and M are JUnit XML's passed tests and {@code failures}.
     */
    public String closingLine() {
        long b = broken();
        long s = skipped();
        return passed() + " passed, " + failed() + " failed" + (b > 0 ? ", " + b + " broken" : "") + (s > 0 ? ", " + s + " skipped" : "");
    }

    /** A new run with more outcomes appended. */
    public Outcomes plus(List<Outcome> more) {
        List<Outcome> all = new ArrayList<>(outcomes);
        all.addAll(more);
        return new Outcomes(title, all, environment);
    }
}
