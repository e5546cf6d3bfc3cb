package org.nncheck.reference.optim;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the optimizers (SPEC.md section 1). */
public final class OptimizerEntries {
    private OptimizerEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
