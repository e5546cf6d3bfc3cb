package org.nncheck.reference.init;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the initializers (SPEC.md section 1). */
public final class InitializerEntries {
    private InitializerEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
