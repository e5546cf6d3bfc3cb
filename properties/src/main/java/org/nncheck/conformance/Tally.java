package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a rule over all samples: how many were compared, how many failed, the detail
 * of the first {@value #DETAILED} failing samples (every differing tensor of each), and the
 * largest share of the allowance a passing comparison used.
 */
final class Tally {
    /** Failing samples described in full. */
    static final int DETAILED = 3;

    private final Subject subject;
    private final String check;
    private int total;
    private int failed;
    private double used;
    private double worst = Double.NaN;
    private final java.util.Set<String> conventions = new java.util.LinkedHashSet<>();
    private boolean crashed;
    private final List<String> details = new ArrayList<>();

    Tally(Subject subject, String check) {
        this.subject = subject;
        this.check = check;
    }

    void add(Sample s, ReferenceComparison.Outcome o, String context,
             java.util.function.Supplier<List<org.nncheck.diagnosis.ConventionDiagnosis.Match>> diagnosis) {
        total++;
        used = Math.max(used, o.used());
        if (!o.passed()) {
            worst = Double.isNaN(worst) ? o.worst() : Math.max(worst, o.worst());
            List<String> lines = new ArrayList<>(o.problems());
            for (org.nncheck.diagnosis.ConventionDiagnosis.Match m : diagnosis.get()) {
                conventions.add(m.alternative().name());
                lines.add(ReferenceComparison.line(m));
            }
            record(s, context + String.join("\n    ", lines));
        }
    }

    /** A sample on which the implementation threw instead of giving results. */
    void fail(Sample s, String problem) {
        total++;
        crashed = true;
        record(s, problem);
    }

    private void record(Sample s, String problem) {
        failed++;
        if (details.size() < DETAILED) {
            details.add(s.where() + ":\n    " + problem);
        }
    }

    int total() {
        return total;
    }

    CheckResult verdict(String passSummary) {
        String coverage = subject.resolve().coverage();
        if (failed > 0) {
            return CheckResult.fail(subject.key, check, "failed on " + failed + " of " + total + " samples (" + coverage + ")"
                    + (failed > details.size() ? "; the first " + details.size() : "") + ":\n  " + String.join("\n  ", details),
                    new CheckResult.Evidence(worst, new ArrayList<>(conventions), crashed));
        }
        return CheckResult.pass(subject.key, check, total + " samples (" + coverage + ")"
                + (passSummary == null ? String.format(Locale.ROOT, ", at most %.2g of the allowance used", used) : ", " + passSummary));
    }
}
