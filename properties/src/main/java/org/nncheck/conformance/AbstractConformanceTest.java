package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit as a JUnit 5 test to extend, in the manner of the reactive-streams TCK:
 * a user's test class extends this one and supplies the implementation; every check of
 * {@link ConformanceKit} becomes one dynamic test, grouped by catalogue entry, named after the
 * check ({@code required_forward_matches_reference}, ...), so test reports tie back to the
 * SPEC.
 *
 * <pre>
 * class MyLibConformanceTest extends AbstractConformanceTest {
 *     &#64;Override
 *     protected Implementation implementation() {
 *         return Implementation.of("mylib", id -&gt; MyLib.component(id));
 *     }
 * }
 * </pre>
 *
 * A failing check fails its test with the kit's detail (seed, parameters, tensor, index, the two
 * values); a skipped one (an entry not provided, a gradient check the catalogue skips) is
 * reported as skipped with its reason.
 */
public abstract class AbstractConformanceTest {

    /** The implementation under test. */
    protected abstract Implementation implementation();

    /** The seed of the run (fixed by default, so CI is reproducible); override to vary it. */
    protected long seed() {
        return 20261123L;
    }

    /** One container per catalogue entry, one test per check. */
    @TestFactory
    Stream<DynamicNode> conformance() {
        Implementation impl = implementation();
        long seed = seed();
        List<CheckResult> results = ConformanceKit.run(impl, seed);
        Map<String, List<CheckResult>> byEntry = new LinkedHashMap<>();
        for (CheckResult r : results) {
            byEntry.computeIfAbsent(r.entry(), k -> new ArrayList<>()).add(r);
        }
        List<DynamicNode> nodes = new ArrayList<>();
        byEntry.forEach((entry, checks) -> nodes.add(DynamicContainer.dynamicContainer(entry,
                checks.stream().map(r -> DynamicTest.dynamicTest(r.check(), () -> report(impl, seed, r))))));
        return nodes.stream();
    }

    private static void report(Implementation impl, long seed, CheckResult r) {
        switch (r.status()) {
            case SKIPPED -> Assumptions.abort(r.detail());
            case FAILED -> Assertions.fail(impl.name() + " " + r.entry() + " " + r.check() + " (run seed " + seed + "): " + r.detail());
            case PASSED -> {
                // passed: nothing to report
            }
            default -> throw new IllegalStateException(r.status().toString());
        }
    }
}
