package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.gpu.GpuCatalogue;

/** Every SPEC id has a kernel or a written reason; every kernel with a built reference is cross-checked. */
class GpuCompletenessTest {

    /** Kernels: all activations (incl. maxout), losses, l2/l1/elastic_net/max_norm, the ten layers, the seven optimizers. */
    static final int EXPECTED_KERNELS = 39;

    @Test
    void everySpecIdHasAKernelOrAReason() {
        for (String id : Catalogue.allSpecIds()) {
            GpuCatalogue.Support s = GpuCatalogue.support().get(id);
            assertTrue(s != null, id + " is missing from GpuCatalogue");
            assertTrue(s.hasKernel() != s.reason().isPresent(), id + ": exactly one of kernel / reason");
            s.reason().ifPresent(r -> assertTrue(r.length() > 30, id + ": reason too thin: " + r));
        }
        assertEquals(Set.copyOf(Catalogue.allSpecIds()), GpuCatalogue.support().keySet(), "GpuCatalogue ids = SPEC ids");
        assertEquals(EXPECTED_KERNELS, GpuCatalogue.kernelIds().size(), "kernel count: " + GpuCatalogue.kernelIds());
    }

    @Test
    void everyKernelWithABuiltReferenceIsCrossChecked() {
        Set<String> built = Catalogue.entries().stream().map(Entry::id).collect(Collectors.toSet());
        List<String> withRef = GpuCatalogue.kernelIds().stream().filter(built::contains).toList();
        List<String> crossChecked = GpuConformanceTest.covered().stream().map(Entry::id).toList();
        List<String> skipped = Catalogue.entries().stream()
                .filter(e -> GpuCatalogue.hasKernel(e.id()) && e.skipReason(Entry.CHECK_GPU).isPresent()).map(Entry::id).toList();
        assertEquals(withRef.size(), crossChecked.size() + skipped.size(), "kernels with a reference: " + withRef);
        assertFalse(crossChecked.isEmpty(), "nothing is cross-checked");
        List<String> waiting = GpuCatalogue.kernelIds().stream().filter(id -> !built.contains(id)).toList();
        System.out.println("GPU cross-check: " + crossChecked.size() + " kernels against the reference " + crossChecked
                + "; " + waiting.size() + " kernels wait for their reference entry (covered by the PyTorch cases meanwhile): "
                + waiting);
    }
}
