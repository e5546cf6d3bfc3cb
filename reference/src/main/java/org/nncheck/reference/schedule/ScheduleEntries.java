package org.nncheck.reference.schedule;

import java.util.List;
import org.nncheck.catalogue.Entry;

/** Catalogue entries of the learning-rate schedules (SPEC.md section 1). */
public final class ScheduleEntries {
    private ScheduleEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of();
    }
}
