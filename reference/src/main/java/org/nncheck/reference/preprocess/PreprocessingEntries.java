package org.nncheck.reference.preprocess;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the data preprocessing (SPEC.md section 1). */
public final class PreprocessingEntries {
    private PreprocessingEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
