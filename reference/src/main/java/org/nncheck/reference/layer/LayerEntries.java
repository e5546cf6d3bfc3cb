package org.nncheck.reference.layer;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the layers (SPEC.md section 1). */
public final class LayerEntries {
    private LayerEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
