package org.nncheck.conformance;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.reference.init.Initializer;

/**
 * An implementation under test, as the conformance kit sees it: which catalogue entries it
 * provides, the precision it computes in, and per entry what it supports.
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
     * The precision the implementation computes in: one of the SPEC's dtypes (float64 by
     * default). It sets what a correct implementation may differ from the reference by
     * ({@link Allowance}); the inputs the kit hands over are already rounded to it.
     */
    default Dtype precision() {
        return Dtype.FLOAT64;
    }

    /**
     * What the implementation supports of {@code entry} (every parameter value and the SPEC's
     * convention by default): declined parameter values are skipped with the reason given, a
     * declared alternative convention is checked against that alternative.
     */
    default Capability capability(Entry entry) {
        return Capability.full();
    }

    /**
     * A reason to skip one check of one entry, or empty to run it: e.g. the stochastic checks
     * of a library whose randomness cannot be seeded.
     */
    default Optional<String> skip(Entry entry, String check) {
        return Optional.empty();
    }

    /**
     * The hook through which an initializer's implementation draws samples (and a dropout or
     * dropconnect implementation its mask, 1 = keep) for the statistical check
     * ({@code optional_sample_matches_distribution}); empty (the default) skips that check.
     */
    default Optional<Sampler> sampler(Entry entry) {
        return Optional.empty();
    }

    /** The longest one check may run before it is reported as a hang (2 minutes by default). */
    default Duration checkTimeout() {
        return Duration.ofMinutes(2);
    }

    /** An implementation from a name and a lookup by catalogue id (float64). */
    static Implementation of(String name, Function<String, Optional<Component>> byId) {
        return of(name, byId, Dtype.FLOAT64);
    }

    /** An implementation from a name, a lookup by catalogue id and a precision. */
    static Implementation of(String name, Function<String, Optional<Component>> byId, Dtype precision) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(byId);
        Objects.requireNonNull(precision);
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
            public Dtype precision() {
                return precision;
            }
        };
    }

    /** The reference implementation itself (every catalogue entry; its initializers draw through the sampler hook). */
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

            @Override
            public Optional<Sampler> sampler(Entry entry) {
                if (SampleMatchesDistribution.MASKED.contains(entry.id())) {
                    return Optional.of(Sampler.bernoulliMask());
                }
                return entry.newReference() instanceof Initializer init
                        ? Optional.of((shape, p, seed) -> init.sample(shape, p, new SplittableRandom(seed))) : Optional.empty();
            }
        };
    }
}
