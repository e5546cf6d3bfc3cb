package org.nncheck.properties.gradcheck;

import org.nncheck.catalogue.Check;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradientChecker;

/**
 * Gradient-checks every differentiable catalogue entry, for each of its sample parameter sets,
 * on generated inputs of every size hint, in dense mode (sizes 0..2, every element) and in
 * directional mode (sizes 2..3, every tensor along random directions), at the entry's own
 * {@link Entry#gradcheckTolerance()} ({@link CatalogueGradcheck}). Each entry x parameter
 * set x mode is its own test; a skip happens only through {@link Entry#skipReason(Check)} with
 * {@link Check#GRADIENT}. Seeds are fixed and printed in every failure.
 */
class CatalogueGradientCheckTest {

    static long sampleSeed(Entry e, int paramSet, int size, int repeat) {
        return CatalogueGradcheck.sampleSeed(e, paramSet, size, repeat);
    }

    static List<String> diffInputs(Entry e, Map<String, Tensor> inputs) {
        return CatalogueGradcheck.diffInputs(e, inputs);
    }

    @TestFactory
    Stream<DynamicTest> everyDifferentiableEntry() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable()) {
                continue;
            }
            for (int p = 0; p < e.sampleParams().size(); p++) {
                int paramSet = p;
                String name = Catalogue.key(e.family(), e.id()) + " params#" + p + " " + e.sampleParams().get(p);
                tests.add(dynamicTest(name + " dense", () -> run(e, paramSet, false)));
                tests.add(dynamicTest(name + " directional", () -> run(e, paramSet, true)));
            }
        }
        return tests.stream();
    }

    private static void run(Entry e, int paramSet, boolean directional) {
        e.skipReason(Check.GRADIENT).ifPresent(reason -> Assumptions.abort("skipped by the catalogue: " + reason));
        List<CatalogueGradcheck.Run> runs = CatalogueGradcheck.run(e, e.newReference(), paramSet, directional,
                GradientChecker.Options.defaults());
        for (CatalogueGradcheck.Run r : runs) {
            if (!r.passed()) {
                throw new AssertionError(r.where() + ", tolerance " + r.tolerance() + "\n" + r.result().table(r.tolerance()));
            }
        }
        assertTrue(!runs.isEmpty(), e.id() + ": no sample had a floating-point differentiable input");
    }

    @Test
    void theCatalogueHasDifferentiableEntriesToCheck() {
        assertFalse(Catalogue.entries().stream().noneMatch(Entry::differentiable),
                "no differentiable entry: the factory above would check nothing");
        assertTrue(Catalogue.get("relu").isPresent() && Catalogue.get("sigmoid").isPresent());
    }
}
