package org.nncheck.reference.augment;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the data augmentation (SPEC.md section 1). */
public final class AugmentationEntries {
    private AugmentationEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
