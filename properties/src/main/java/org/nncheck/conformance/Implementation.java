package org.nncheck.conformance;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;

/**
 * An implementation under test, as the conformance kit sees it: which catalogue entries it
 * provides, and the precision it computes in.
 *
 * <p>A user's Java implementation implements this (or uses {@link #of}) and hands it to
 * {@link ConformanceKit#run} or extends {@link AbstractConformanceTest}.
 */
public interface Implementation {

    /** A name for reports, e.g. {@code "reference"}, {@code "gpu"}, {@code "mylib 1.2"}. */
    String name();

    /** The implementation of an entry's component, or empty when it does not provide it. */
    Optional<Component> component(Entry entry);

    /**
     * Unit roundoff of the implementation's arithmetic: {@code 2^-53} for float64 (default),
     * {@code 2^-24} for float32. It sets the comparison tolerance (see
     * {@link ConformanceKit#tolerance}) and the gradient checker's error estimate.
     */
    default double unitRoundoff() {
        return 0x1p-53;
    }

    /** An implementation from a name and a lookup by catalogue id (float64). */
    static Implementation of(String name, Function<String, Optional<Component>> byId) {
        return of(name, byId, 0x1p-53);
    }

    /** An implementation from a name, a lookup by catalogue id and a unit roundoff. */
    static Implementation of(String name, Function<String, Optional<Component>> byId, double unitRoundoff) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(byId);
        return new Implementation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Component> component(Entry entry) {
                return byId.apply(entry.id());
            }

            @Override
            public double unitRoundoff() {
                return unitRoundoff;
            }
        };
    }

    /** The reference implementation itself (every catalogue entry). */
    static Implementation reference() {
        return new Implementation() {
            @Override
            public String name() {
                return "reference";
            }

            @Override
            public Optional<Component> component(Entry entry) {
                return Optional.of(entry.newReference());
            }
        };
    }
}
