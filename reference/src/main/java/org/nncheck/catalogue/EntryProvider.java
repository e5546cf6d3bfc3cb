package org.nncheck.catalogue;

import java.util.List;

/**
 * A family's (or a plug-in's) catalogue entries, found by {@link java.util.ServiceLoader}: an
 * implementing class with a public no-argument constructor is listed in
 * {@code META-INF/services/org.nncheck.catalogue.EntryProvider} of its jar (or test resources).
 * The catalogue package knows no family, so the families depend on it and not the other way
 * round.
 */
public interface EntryProvider {

    /** The entries this provider contributes. */
    List<Entry> entries();
}
