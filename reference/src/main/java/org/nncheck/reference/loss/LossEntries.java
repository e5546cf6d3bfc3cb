package org.nncheck.reference.loss;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the losses (SPEC.md section 1). */
public final class LossEntries {
    private LossEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
