package org.nncheck.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.cases.CaseReader;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.CaseVerifier;
import org.nncheck.cases.TensorReport;

/** Case verdicts as outcomes: expected rejections pass, categories follow docs/SPEC-EXTENSIONS.md. */
class CaseOutcomesTest {

    static final Path EXAMPLES = Path.of("..", "examples", "cases", "pytorch-1.13");

    static CaseResult verify(Path file) throws Exception {
        CaseReader.Parsed p = CaseReader.read(file).get(0);
        return p instanceof CaseReader.Parsed.Ok ok ? new CaseVerifier().verify(ok.value()) : CaseVerifier.malformed((CaseReader.Parsed.Malformed) p);
    }

    static CaseResult relu(Path dir, String id, String y) throws Exception {
        Path f = dir.resolve(id + ".json");
        Files.writeString(f, "{\"id\": \"" + id + "\", \"component\": \"relu\", \"inputs\": {\"x\": [1, -1]}, \"expected\": {\"y\": " + y + "}}");
        return verify(f);
    }

    @Test
    void anAcceptedCasePassesAndAWrongOneIsAWrongValue(@TempDir Path dir) throws Exception {
        Outcome good = CaseOutcomes.of(relu(dir, "good", "[1, 0]"), "Cases", "s", Optional.empty(), 0);
        assertEquals(Outcome.Status.PASSED, good.status());
        assertEquals("good", good.name());
        Outcome wrong = CaseOutcomes.of(relu(dir, "wrong", "[1, -1]"), "Cases", "s", Optional.empty(), 0);
        assertEquals(Outcome.Status.FAILED, wrong.status());
        assertEquals(Category.WRONG_VALUE, wrong.category());
        assertTrue(wrong.message().startsWith("y[1]"), wrong.message());
    }

    @Test
    void anExpectedRejectionIsAPassingTestAndAnAcceptedBugIsAFailure(@TempDir Path dir) throws Exception {
        Outcome rejected = CaseOutcomes.of(relu(dir, "relu-bug", "[1, -1]"), "Cases", "fail/", Optional.of("relu lets negatives through"), 0);
        assertEquals(Outcome.Status.PASSED, rejected.status());
        assertEquals("rejects injected bug relu-bug", rejected.name());
        assertEquals("relu lets negatives through", rejected.parameters().get("injected bug"));
        Outcome accepted = CaseOutcomes.of(relu(dir, "not-a-bug", "[1, 0]"), "Cases", "fail/", Optional.of("claims a bug"), 0);
        assertEquals(Outcome.Status.FAILED, accepted.status());
        assertEquals(Category.WRONG_VALUE, accepted.category());
        assertTrue(accepted.message().contains("claims a bug"), accepted.message());
    }

    @Test
    void justOutOfToleranceIsPrecisionFarOutIsWrongValue(@TempDir Path dir) throws Exception {
        TensorReport t = relu(dir, "exact", "[1, 0]").tensors().get(0);
        double allowed = t.tolerance().atol() + t.tolerance().rtol(); // at reference value 1
        CaseResult near = relu(dir, "near", "[" + String.format(Locale.ROOT, "%.17g", 1 + 3 * allowed) + ", 0]");
        double used = near.worstTensor().toleranceUsed();
        assertTrue(used > 1 && used <= Category.PRECISION_FACTOR, "3x the allowed error: " + used);
        assertEquals(Category.PRECISION, CaseOutcomes.of(near, "Cases", "s", Optional.empty(), 0).category());
        CaseResult far = relu(dir, "far", "[" + String.format(Locale.ROOT, "%.17g", 1 + 100 * allowed) + ", 0]");
        assertTrue(far.worstTensor().toleranceUsed() > Category.PRECISION_FACTOR);
        assertEquals(Category.WRONG_VALUE, CaseOutcomes.of(far, "Cases", "s", Optional.empty(), 0).category());
    }

    @Test
    void aMatchingAlternativeConventionIsNamed() throws Exception {
        CaseResult r = verify(EXAMPLES.resolve("fail").resolve("momentum-bug0.json"));
        assertFalse(r.alternatives().isEmpty(), "verify names the alternative momentum convention");
        Outcome o = CaseOutcomes.of(r, "Cases", "s", Optional.empty(), 0);
        assertEquals(Category.NAMED_CONVENTION, o.category());
        assertTrue(o.message().contains("would match under: " + r.alternatives().get(0)), o.message());
    }

    @Test
    void aMalformedCaseIsABrokenContractError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"id\": \"bad\", \"component\": \"relu\", \"inputs\": {\"x\": [1, NaN]}, \"expected\": {}}");
        Outcome o = CaseOutcomes.of(verify(f), "Cases", "s", Optional.empty(), 0);
        assertEquals(Outcome.Status.BROKEN, o.status());
        assertEquals(Category.CONTRACT_ERROR, o.category());
        assertTrue(o.message().startsWith("malformed case: "), o.message());
    }

    @Test
    void expectationsComeFromTheBugFieldOrAFailFolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("fail"));
        Files.writeString(dir.resolve("fail").resolve("x.json"), "{\"id\": \"x\", \"component\": \"relu\"}");
        Files.writeString(dir.resolve("mixed.jsonl"), "{\"id\": \"ok\", \"component\": \"relu\", \"inputs\": {\"x\": [[1]]}}\n"
                + "{\"component\": \"relu\", \"inputs\": {\"x\": {\"_bug\": \"nested, not a mark\"}}, \"_bug\": \"sign flipped\", \"id\": \"b\"}\n");
        CaseExpectations e = new CaseExpectations(dir);
        assertEquals(Optional.of("in " + dir.getFileName() + "/fail/"), e.expectedRejection(dir.resolve("fail").resolve("x.json"), 1, "x"));
        assertEquals(Optional.empty(), e.expectedRejection(dir.resolve("mixed.jsonl"), 1, "ok"));
        assertEquals(Optional.of("sign flipped"), e.expectedRejection(dir.resolve("mixed.jsonl"), 2, "b"));
        assertEquals(Optional.of("sign flipped"), e.expectedRejection(dir.resolve("mixed.jsonl"), 2, "mixed.jsonl#2"), "by line when the id is generated");
        CaseExpectations examples = new CaseExpectations(EXAMPLES);
        Path relu = EXAMPLES.resolve("fail").resolve("relu-bug0.json");
        assertEquals(Optional.of("relu backward passes gradient where x<0"), examples.expectedRejection(relu, 1, "relu-bug0"));
    }

    @Test
    void verifyOutcomesKeepEveryCaseInOrder(@TempDir Path dir) throws Exception {
        List<Outcome> os = CaseOutcomes.ofVerify(List.of(relu(dir, "a", "[1, 0]"), relu(dir, "b", "[1, -1]")), 1000);
        assertEquals(List.of("a", "b"), os.stream().map(Outcome::name).toList());
        assertEquals(dir.toString(), os.get(0).suite());
    }
}
