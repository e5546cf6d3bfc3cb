package org.nncheck.conformance;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;

/**
 * The conformance kit as a JUnit 5 test to extend, in the manner of the reactive-streams TCK:
 * a user's test class extends this one and supplies the implementation; every check of
 * {@link ConformanceKit} becomes one dynamic test named after the check, in one container per
 * catalogue entry (e.g. {@code activation/relu}, then {@code required_backward_matches_reference}),
 * so reports tie back to the SPEC. The test is not named {@code entry > check}: Surefire's
 * phrased names join the container's, the method's and the test's display names, which would
 * repeat the entry ({@code activation/relu conformance() activation/relu > ...}). The tests are lazy: a check runs when its test is executed, not
 * when the tests are discovered, so results stream and a failure's stack is the check's own.
 *
 * <pre>
 * class MyLibConformanceTest extends AbstractConformanceTest {
 *     &#64;Override
 *     protected Implementation implementation() {
 *         return Implementation.of("mylib", id -&gt; MyLib.component(id), Dtype.FLOAT32);
 *     }
 * }
 * </pre>
 *
 * A failing check fails its test with the kit's whole detail (seed, parameters, every differing
 * tensor, the count of failing samples); a skipped one (an entry not provided, parameter values
 * declined, a check the catalogue or {@link #skip} skips) is reported as skipped with its reason.
 *
 * <p>Surefire names dynamic tests by their display name only with its phrased reporter options
 * (README, "Verify a Java implementation").
 */
public abstract class AbstractConformanceTest {

    /** The implementation under test. */
    protected abstract Implementation implementation();

    /** The seed of the run (fixed by default, so CI is reproducible); override to vary it. */
    protected long seed() {
        return 20261123L;
    }

    /** The catalogue entries to check (all by default). */
    protected List<Entry> entries() {
        return Catalogue.entries();
    }

    /**
     * A reason to skip a check of an entry, or {@code null} to run it: the hook for checks that
     * cannot apply to a library (e.g. stochastic ones when its randomness cannot be seeded).
     */
    protected String skip(Entry entry, String check) {
        return null;
    }

    /** One container per catalogue entry, one lazily run test per check. */
    @TestFactory
    Stream<DynamicNode> conformance() {
        Implementation impl = implementation();
        long seed = seed();
        return entries().stream().map(e -> DynamicContainer.dynamicContainer(Catalogue.key(e.family(), e.id()),
                ConformanceKit.plan(impl, seed, e).stream().map(c -> DynamicTest.dynamicTest(c.check(), () -> {
                    String why = skip(e, c.check());
                    Assumptions.assumeTrue(why == null, why);
                    report(impl, seed, c.run());
                }))));
    }

    private static void report(Implementation impl, long seed, CheckResult r) {
        switch (r.status()) {
            case SKIPPED -> Assumptions.abort(r.detail());
            case FAILED -> Assertions.fail(impl.name() + " " + r.entry() + " > " + r.check() + " (run seed " + seed + "): "
                    + r.detail());
            case PASSED -> {
                // passed: nothing to report
            }
            default -> throw new IllegalStateException(r.status().toString());
        }
    }
}
