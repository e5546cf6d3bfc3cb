package org.nncheck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;

/** The {@code --component} option shared by commands: all entries, or the named ones. */
final class CatalogueSelection {
    private CatalogueSelection() {
    }

    /** The entries named (all when none), or {@code null} after printing an error. */
    static List<Entry> select(List<String> ids, PrintWriter err) {
        if (ids == null || ids.isEmpty()) {
            return Catalogue.entries();
        }
        List<Entry> out = new ArrayList<>();
        for (String id : ids) {
            List<Entry> found = Catalogue.find(id);
            if (found.isEmpty()) {
                err.println("nncheck: unknown component '" + id + "'");
                return null;
            }
            out.addAll(found);
        }
        return out;
    }
}
