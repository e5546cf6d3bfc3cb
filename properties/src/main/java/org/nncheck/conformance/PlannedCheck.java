package org.nncheck.conformance;

import java.util.function.Supplier;

/**
 * One check of one entry, not yet run: {@link #run()} runs it (guarded by {@link CheckRunner});
 * nothing of the implementation is called before. The JUnit TCK makes one dynamic test of each.
 *
 * @param entry the family-qualified entry key, e.g. {@code activation/relu}
 * @param check the check's name
 */
public record PlannedCheck(String entry, String check, Supplier<CheckResult> body) {

    /** {@code entry > check}, the display name of the check's test. */
    public String displayName() {
        return entry + " > " + check;
    }

    /** Runs the check. */
    public CheckResult run() {
        return body.get();
    }
}
