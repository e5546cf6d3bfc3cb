package org.nncheck.reference.regularizer;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the regularizers (SPEC.md section 1). */
public final class RegularizerEntries {
    private RegularizerEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
