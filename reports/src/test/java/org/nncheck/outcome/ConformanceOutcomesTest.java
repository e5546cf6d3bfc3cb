package org.nncheck.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;

/** Conformance checks as outcomes: suites, categories, and times that add up to the measured time. */
class ConformanceOutcomesTest {

    @Test
    void categoriesFollowTheCheckAndTheDetail() {
        assertEquals(Category.CONTRACT_ERROR, ConformanceOutcomes.category(CheckResult.fail("activation/relu", ConformanceKit.UNCHANGED, "x changed")));
        assertEquals(Category.CRASH, ConformanceOutcomes.category(CheckResult.fail("activation/relu", ConformanceKit.FORWARD,
                "failed on 1 of 4 samples; first: params#0 {}, size 0: forward threw java.lang.IllegalStateException")));
        assertEquals(Category.PRECISION, ConformanceOutcomes.category(CheckResult.fail("activation/relu", ConformanceKit.FORWARD,
                "failed on 1 of 4 samples; first: y[0]: case 1, reference 1 (...); 1/4 out of tolerance (rtol 1e-6: 3.2 of the allowed error)")));
        assertEquals(Category.WRONG_VALUE, ConformanceOutcomes.category(CheckResult.fail("activation/relu", ConformanceKit.FORWARD,
                "failed on 4 of 4 samples; first: y[0]: ...; 4/4 out of tolerance (rtol 1e-6: 2.5e+05 of the allowed error)")));
        assertEquals(Category.WRONG_VALUE, ConformanceOutcomes.category(CheckResult.fail("activation/relu", ConformanceKit.BACKWARD, "differs")));
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
