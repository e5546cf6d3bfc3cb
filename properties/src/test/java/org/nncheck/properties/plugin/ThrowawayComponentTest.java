package org.nncheck.properties.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nncheck.cases.CaseReader;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.CaseVerifier;
import org.nncheck.cases.CaseWriter;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradientChecker;
import org.nncheck.reference.activation.ElementwiseActivation;

/**
 * The done-when of issue 8: a new element-wise component added in the test tree as one class
 * ({@link ThrowawaySoftsign}: its component and its entry) plus one services line is, with no
 * other edit, in the catalogue, gradient-checked, verified from a generated case and run
 * through the conformance kit; and each of those checks rejects a wrong backward.
 */
class ThrowawayComponentTest {

    private static Entry entry() {
        return Catalogue.get(ThrowawaySoftsign.ID).orElseThrow(() -> new AssertionError(
                ThrowawaySoftsign.ID + " is not in the catalogue: the test resources' services file was not read"));
    }

    /** softsign with the derivative of x / (1 + x^2) mixed in: right value, wrong gradient. */
    private static Component wrongBackward() {
        return ElementwiseActivation.of(ThrowawaySoftsign.ID, x -> x / (1 + Math.abs(x)), x -> 1 / (1 + Math.abs(x)));
    }

    @Test
    void isGradientChecked() {
        Entry e = entry();
        List<CatalogueGradcheck.Run> runs = CatalogueGradcheck.run(e, e.newReference(), 0, false, GradientChecker.Options.defaults());
        assertFalse(runs.isEmpty(), "no gradient check ran");
        runs.forEach(r -> assertTrue(r.passed(), r.where() + "\n" + r.result().table(r.tolerance())));
        List<CatalogueGradcheck.Run> wrong = CatalogueGradcheck.run(e, wrongBackward(), 0, false, GradientChecker.Options.defaults());
        assertTrue(wrong.stream().anyMatch(r -> !r.passed()), "a wrong backward passed the gradient check");
    }

    @Test
    void isVerifiedFromAGeneratedCase() {
        Entry e = entry();
        for (Dtype d : List.of(Dtype.FLOAT64, Dtype.FLOAT32)) {
            String json = CaseWriter.generate(e, e.sampleParams().get(0), d, 5, "softsign-1");
            CaseReader.Parsed parsed = CaseReader.parseCase(Path.of("softsign.json"), json, 1);
            assertInstanceOf(CaseReader.Parsed.Ok.class, parsed, parsed::toString);
            CaseResult r = new CaseVerifier().verify(((CaseReader.Parsed.Ok) parsed).value());
            assertEquals(CaseResult.Status.PASS, r.status(), () -> r.message() != null ? r.message() : r.worstTensor().describe());
        }
    }

    @Test
    void runsThroughTheConformanceKit() {
        Entry e = entry();
        List<CheckResult> ok = ConformanceKit.run(Implementation.of("reference", id -> Optional.of(e.newReference())), 11, List.of(e));
        assertTrue(ok.stream().anyMatch(r -> r.check().equals(ConformanceKit.GRADCHECK) && r.passed()), ok.toString());
        assertTrue(ok.stream().noneMatch(CheckResult::failed), ConformanceKit.summary(ok) + "\n" + ok);
        List<CheckResult> bad = ConformanceKit.run(Implementation.of("wrong", id -> Optional.of(wrongBackward())), 11, List.of(e));
        assertTrue(bad.stream().anyMatch(r -> r.check().equals(ConformanceKit.BACKWARD) && r.failed()), bad.toString());
    }
}
