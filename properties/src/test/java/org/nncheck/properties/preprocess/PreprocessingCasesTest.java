package org.nncheck.properties.preprocess;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nncheck.properties.init.CaseFiles;

/**
 * The example preprocessing and augmentation cases (PyTorch 1.13, examples/cases/pytorch-1.13): the
 * reference reproduces every pass/ case within rtol 1e-7, atol 1e-9 (float64 cases), rejects
 * every fail/ case, and names the injected bug as a matching alternative.
 */
class PreprocessingCasesTest {

    private static final Map<String, String> BUG_ALTERNATIVE = Map.of(
            "pre-standardize-bug.json", "sample (N-1) standard deviation",
            "pre-zca-bug.json", "PCA whitening returned (not rotated back)",
            "aug-translate-bug.json", "translates the wrong way");

    @ParameterizedTest
    @ValueSource(strings = {"pre-", "aug-"})
    void passCasesMatch(String prefix) throws Exception {
        List<Path> files = CaseFiles.list("pass", prefix);
        org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty(), "no example cases found");
        List<String> bad = new ArrayList<>();
        for (Path f : files) {
            CaseCheck.Outcome o = CaseCheck.check(f);
            System.out.printf("%s: %s, worst abs error %.3g%n", o.file(), o.matches() ? "match" : "MISMATCH", o.worstAbs());
            if (!o.matches()) {
                bad.add(o.file() + " (worst " + o.worstAbs() + ", alternatives matching: " + o.matchingAlternatives() + ")");
            }
        }
        assertTrue(bad.isEmpty(), "mismatches: " + bad);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pre-", "aug-"})
    void failCasesAreRejectedAndTheBugIsNamed(String prefix) throws Exception {
        List<Path> files = CaseFiles.list("fail", prefix);
        org.junit.jupiter.api.Assertions.assertFalse(files.isEmpty(), "no example cases found");
        for (Path f : files) {
            CaseCheck.Outcome o = CaseCheck.check(f);
            System.out.printf("%s: %s, alternatives matching %s%n", o.file(), o.matches() ? "match" : "mismatch", o.matchingAlternatives());
            assertFalse(o.matches(), o.file() + " accepted");
            String alt = BUG_ALTERNATIVE.get(o.file());
            if (alt != null) {
                assertTrue(o.matchingAlternatives().contains(alt), o.file() + " should match '" + alt + "': " + o.matchingAlternatives());
            }
        }
    }
}
