package org.nncheck.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Case verification end to end on components that are always in the catalogue (sigmoid, relu). */
class CaseVerifierTest {

    private static CaseResult verify(String json) {
        CaseReader.Parsed p = CaseReader.parseCase(Path.of("t.json"), json, 1);
        return p instanceof CaseReader.Parsed.Ok ok ? new CaseVerifier().verify(ok.value())
                : CaseVerifier.malformed((CaseReader.Parsed.Malformed) p);
    }

    @Test
    void exactValuesPass() {
        // sigmoid(0) = 1/2 and sigmoid'(0) = 1/4 (from the definition)
        CaseResult r = verify("{\"component\": \"sigmoid\", \"inputs\": {\"x\": [0.0], \"dy\": [2.0]}, \"expected\": {\"y\": [0.5], \"dx\": [0.5]}}");
        assertEquals(CaseResult.Status.PASS, r.status(), String.valueOf(r));
    }

    @Test
    void aWrongValueFailsWithTheWorstIndexAndCount() {
        CaseResult r = verify("{\"component\": \"relu\", \"inputs\": {\"x\": [[1, -2], [3, -4]]}, \"expected\": {\"y\": [[1, 0], [3.5, 0]]}}");
        assertEquals(CaseResult.Status.FAIL, r.status());
        TensorReport t = r.tensors().get(0);
        assertEquals(1, t.outOfTolerance());
        assertEquals(1, t.worstIndex()[0]);
        assertEquals(0, t.worstIndex()[1]);
        assertEquals(3.5, t.caseValue());
        assertEquals(3.0, t.referenceValue());
    }

    @Test
    void dtypePicksTheDefaultToleranceAndCaseToleranceOverrides() {
        // 1 + 1e-6 is within float32's default (rtol 2e-5) but not float64's (rtol 1e-9)
        String body = "\"component\": \"relu\", \"inputs\": {\"x\": [1.0]}, \"expected\": {\"y\": [1.000001]}";
        assertEquals(CaseResult.Status.PASS, verify("{" + body + ", \"dtype\": \"float32\"}").status());
        assertEquals(CaseResult.Status.FAIL, verify("{" + body + ", \"dtype\": \"float64\"}").status());
        assertEquals(CaseResult.Status.PASS, verify("{" + body + ", \"tolerance\": {\"rtol\": 1e-5}}").status());
    }

    @Test
    void nanMatchesOnlyNan() {
        assertEquals(CaseResult.Status.PASS,
                verify("{\"component\": \"relu\", \"inputs\": {\"x\": [\"NaN\"]}, \"expected\": {\"y\": [\"NaN\"]}}").status());
        assertEquals(CaseResult.Status.FAIL,
                verify("{\"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {\"y\": [\"NaN\"]}}").status());
    }

    @Test
    void malformedCasesSayWhatAndWhere() {
        assertTrue(verify("{\"component\": \"relux\", \"inputs\": {\"x\": [1]}, \"expected\": {\"y\": [1]}}").message()
                .contains("$.component: unknown component 'relux'"));
        assertTrue(verify("{\"component\": \"relu\", \"params\": {\"alpha\": 1}, \"inputs\": {\"x\": [1]}, \"expected\": {\"y\": [1]}}")
                .message().contains("$.params.alpha"));
        assertTrue(verify("{\"component\": \"relu\", \"inputs\": {\"z\": [1]}, \"expected\": {\"y\": [1]}}").message()
                .contains("$.inputs.z: relu has no input 'z'"));
        assertTrue(verify("{\"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {\"dz\": [1]}}").message()
                .contains("no output or gradient 'dz'"));
        assertTrue(verify("{\"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {\"dx\": [1]}}").message()
                .contains("upstream gradient 'dy'"));
        assertTrue(verify("{\"component\": \"relu\", \"inputs\": {}, \"expected\": {\"y\": [1]}}").message().contains("needs input 'x'"));
        assertEquals(CaseResult.Status.MALFORMED,
                verify("{\"component\": \"relu\", \"inputs\": {\"x\": [1]}, \"expected\": {}}").status());
    }

    @Test
    void aSpecifiedButUnbuiltComponentIsNotYetInTheCatalogue() {
        CaseResult r = verify("{\"component\": \"nonexistent_but_spec\", \"inputs\": {}, \"expected\": {\"y\": 1}}");
        assertEquals(CaseResult.Status.MALFORMED, r.status());
        assertTrue(r.message().contains("unknown component"), r.message());
    }

    @Test
    void aShapeMismatchIsAFailureThatSaysSo() {
        CaseResult r = verify("{\"component\": \"relu\", \"inputs\": {\"x\": [[1, 2], [3, 4]]}, \"expected\": {\"y\": [1, 2, 3, 4]}}");
        assertEquals(CaseResult.Status.FAIL, r.status());
        assertTrue(r.tensors().get(0).shapeMismatch().contains("same number of elements"));
    }

    @Test
    void initializerSamplesAreTestedWhateverTheirSize() {
        // he_normal with fan_in 4: N(0, 2/4); a single 1e6 is 1.4e6 standard deviations out
        assertEquals(CaseResult.Status.FAIL, verify("{\"component\": \"he_normal\", \"params\": {\"fan_in\": 4, \"fan_out\": 4},"
                + " \"inputs\": {\"w\": [1e6]}, \"expected\": {}}").status());
        assertEquals(CaseResult.Status.MALFORMED, verify("{\"component\": \"he_normal\", \"params\": {\"fan_in\": 4, \"fan_out\": 4},"
                + " \"inputs\": {\"w\": {\"shape\": [0, 3], \"data\": []}}, \"expected\": {}}").status());
        // gain 0 is the point mass at 0 (PyTorch's normal_(0, 0))
        assertEquals(CaseResult.Status.PASS, verify("{\"component\": \"xavier_normal\", \"params\": {\"gain\": 0},"
                + " \"inputs\": {\"w\": [[0, 0], [0, 0]]}, \"expected\": {}}").status());
    }

    @Test
    void degenerateButValidParametersGiveNumbersNotNaN() {
        // a constant feature standardized with eps = 0 is 0 (0/0 taken as 0, SPEC-EXTENSIONS 22)
        assertEquals(CaseResult.Status.PASS, verify("{\"component\": \"standardize\", \"params\": {\"eps\": 0},"
                + " \"inputs\": {\"x\": [[1, 2], [1, 4]]}, \"expected\": {\"y\": [[0, -1], [0, 1]]}}").status());
        // step with ceil and a huge step_size: ceil(n / size) is 1 for every n >= 1 (no overflow)
        assertEquals(CaseResult.Status.PASS, verify("{\"component\": \"step\", \"params\": {\"lr\": 1, \"gamma\": 0.1,"
                + " \"step_size\": 9223372036854775807, \"rounding\": \"ceil\"}, \"inputs\": {\"steps\": [0, 1, 2]},"
                + " \"expected\": {\"lr\": [1, 0.1, 0.1]}}").status());
    }

    @Test
    void theWorstIndexIsTheElementFurthestOutOfTolerance() {
        CaseResult r = verify("{\"component\": \"relu\", \"inputs\": {\"x\": [1, 2, 3]}, \"expected\": {\"y\": [1.1, 2, 30]}}");
        TensorReport t = r.tensors().get(0);
        assertEquals(2, t.worstIndex()[0]);
        assertEquals(30.0, t.caseValue());
        assertEquals(2, t.outOfTolerance());
        // a case value of 0 that should not be 0 has an infinite relative error, not 0
        TensorReport z = verify("{\"component\": \"relu\", \"inputs\": {\"x\": [1, 2]}, \"expected\": {\"y\": [0, 2]}}").tensors().get(0);
        assertEquals(Double.POSITIVE_INFINITY, z.maxRelError());
    }

    @Test
    void sizesThatOverflowAreMalformedNotWrong() {
        CaseResult r = verify("{\"component\": \"conv2d\", \"params\": {\"pad\": 2147483647}, \"inputs\": {\"x\": [[[[1, 2], [3, 4]]]],"
                + " \"w\": [[[[1]]]], \"b\": [0]}, \"expected\": {\"y\": [[[[0]]]]}}");
        assertEquals(CaseResult.Status.MALFORMED, r.status());
        assertTrue(r.message().contains("too large"), r.message());
    }

    @Test
    void batchNormTrainingWithoutRunningStatistics() {
        // x = [[1, 2], [3, 4]]: per column mean 2 (3), biased variance 1: y = +-1/sqrt(1 + 1e-5)
        double v = 1 / Math.sqrt(1 + 1e-5);
        CaseResult r = verify("{\"component\": \"batch_norm\", \"inputs\": {\"x\": [[1, 2], [3, 4]], \"gamma\": [1, 1], \"beta\": [0, 0]},"
                + " \"expected\": {\"y\": [[" + -v + ", " + -v + "], [" + v + ", " + v + "]]}}");
        assertEquals(CaseResult.Status.PASS, r.status(), String.valueOf(r.message()));
    }

    @Test
    void aNullParameterMeansTheDefault() {
        // elu(-1) with the default alpha 1 is expm1(-1) = -0.6321205588285577
        assertEquals(CaseResult.Status.PASS, verify("{\"component\": \"elu\", \"params\": {\"alpha\": null},"
                + " \"inputs\": {\"x\": [-1]}, \"expected\": {\"y\": [" + Math.expm1(-1) + "]}}").status());
        assertTrue(verify("{\"component\": \"l2\", \"params\": {\"lambda\": null}, \"inputs\": {\"w\": [1]}, \"expected\": {\"loss\": 1}}")
                .message().contains("missing required parameter 'lambda'"));
    }
}
