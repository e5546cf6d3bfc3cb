package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Check;
import org.nncheck.catalogue.Entry;
import org.nncheck.gpu.GpuCatalogue;

/**
 * The gpu kernel registry against the catalogue: every entry has a kernel factory registered by
 * its id or skips {@link Check#GPU} with a written reason (forgetting the kernel part of a new
 * component fails here); every registered kernel belongs to an entry; every kernel is
 * cross-checked unless its entry says why not. No kernel count is hard-coded.
 */
class GpuCompletenessTest {

    @Test
    void everyEntryHasAKernelOrSaysWhyNot() {
        List<String> problems = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            String key = Catalogue.key(e.family(), e.id());
            boolean kernel = GpuCatalogue.hasKernel(e.id());
            boolean skipped = e.skipReason(Check.GPU).isPresent();
            if (!kernel && !skipped) {
                problems.add(key + ": no kernel registered in GpuCatalogue and no Check.GPU skip with a reason");
            }
            e.skipReason(Check.GPU).filter(r -> r.length() < 30).ifPresent(r -> problems.add(key + ": reason too thin: " + r));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyKernelBelongsToAnEntry() {
        Set<String> ids = Set.copyOf(Catalogue.ids());
        List<String> orphans = GpuCatalogue.kernelIds().stream().filter(id -> !ids.contains(id)).toList();
        assertEquals(List.of(), orphans, "kernels registered for ids that are not catalogue entries");
        assertEquals(GpuCatalogue.kernelIds().size(), Set.copyOf(GpuCatalogue.kernelIds()).size(), "an id registered twice");
    }

    @Test
    void everyKernelIsCrossChecked() {
        Set<String> crossChecked = GpuConformanceTest.covered().stream().map(Entry::id).collect(Collectors.toSet());
        List<String> notChecked = Catalogue.entries().stream()
                .filter(e -> GpuCatalogue.hasKernel(e.id()) && !crossChecked.contains(e.id()) && e.skipReason(Check.GPU).isEmpty())
                .map(Entry::id).toList();
        assertEquals(List.of(), notChecked, "kernels that are neither cross-checked nor skipped with a reason");
        assertFalse(crossChecked.isEmpty(), "nothing is cross-checked");
        System.out.println("GPU cross-check: " + crossChecked.size() + " kernels against the reference " + crossChecked);
    }
}
