package org.nncheck.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;

/** Conformance checks as outcomes: suites, categories, and times that add up to the measured time. */
class ConformanceOutcomesTest {

    @Test
    void categoriesFollowTheCheckAndTheKitsEvidenceNotTheWording() {
        String fwd = ConformanceKit.FORWARD;
        assertEquals(Category.CONTRACT_ERROR, ConformanceOutcomes.category(CheckResult.fail("activation/relu", ConformanceKit.UNCHANGED, "x changed")));
        assertEquals(Category.CRASH, ConformanceOutcomes.category(CheckResult.fail("activation/relu", fwd, "failed on 1 of 4 samples",
                CheckResult.Evidence.CRASHED)));
        // the wording of the detail does not matter: a detail that mentions a convention without evidence is a wrong value
        assertEquals(Category.WRONG_VALUE, ConformanceOutcomes.category(CheckResult.fail("activation/relu", fwd,
                "would match under x; 3.2 of the allowed error")));
        assertEquals(Category.PRECISION, ConformanceOutcomes.category(CheckResult.fail("activation/relu", fwd, "failed",
                new CheckResult.Evidence(3.2, List.of(), false))));
        assertEquals(Category.PRECISION, ConformanceOutcomes.category(CheckResult.fail("activation/relu", fwd, "failed",
                new CheckResult.Evidence(Category.PRECISION_FACTOR, List.of(), false))));
        assertEquals(Category.WRONG_VALUE, ConformanceOutcomes.category(CheckResult.fail("activation/relu", fwd, "failed",
                new CheckResult.Evidence(2.5e5, List.of(), false))));
        assertEquals(Category.WRONG_VALUE, ConformanceOutcomes.category(CheckResult.fail("activation/relu", fwd, "no 'y'",
                new CheckResult.Evidence(Double.POSITIVE_INFINITY, List.of(), false))));
        CheckResult named = CheckResult.fail("activation/leaky_relu", fwd, "failed on 4 of 5 samples\n  detail",
                new CheckResult.Evidence(1e15, List.of("leaky_relu alpha = 0.3 (Keras' LeakyReLU default)"), false));
        assertEquals(Category.NAMED_CONVENTION, ConformanceOutcomes.category(named));
        Outcome o = ConformanceOutcomes.of("Conformance of x", List.of(named), 7, 0, 1).get(0);
        assertEquals("would match under 'leaky_relu alpha = 0.3 (Keras' LeakyReLU default)'; failed on 4 of 5 samples", o.message(),
                "the convention is named in the message, which the report shows first");
    }

    @Test
    void checksShareTheirRunsTimeAndSitUnderFamilyAndEntry() {
        List<CheckResult> rs = List.of(CheckResult.pass("layer/linear", ConformanceKit.FORWARD, "ok"),
                CheckResult.skip("layer/linear", ConformanceKit.PROVIDED, "not provided"),
                CheckResult.fail("layer/linear", ConformanceKit.DETERMINISTIC, "differs\nsecond line"));
        List<Outcome> os = ConformanceOutcomes.of("Conformance of x", rs, 7, 1000, 100);
        assertEquals(100, os.stream().mapToLong(Outcome::durationMillis).sum());
        assertEquals(1000 + 100, os.get(2).startMillis() + os.get(2).durationMillis());
        assertEquals("layer", os.get(0).suite());
        assertEquals("layer/linear", os.get(0).subSuite());
        assertEquals(Outcome.Status.SKIPPED, os.get(1).status());
        assertEquals("differs", os.get(2).message());
        assertEquals("7", os.get(2).parameters().get("seed"));
    }
}
