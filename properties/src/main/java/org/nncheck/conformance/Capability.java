package org.nncheck.conformance;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.nncheck.core.Params;

/**
 * What an implementation supports of one catalogue entry: the parameter values it can express
 * (a predicate over the entry's validated {@link Params}; the kit draws only samples it
 * accepts, states the coverage reached, and reports the rest as skipped with {@code why}), and
 * the documented alternative convention it follows, by the name of one of the entry's
 * {@link org.nncheck.catalogue.Alternative}s (e.g. {@code "momentum = weight of the old value"}):
 * the kit then compares it with that alternative's computation instead of the SPEC's, and says
 * so in every result.
 *
 * @param supports which parameter values the implementation accepts
 * @param why the reason given for the values it declines (shown in skip lines)
 * @param alternative the name of the catalogue alternative followed, or {@code null} for the SPEC's convention
 */
public record Capability(Predicate<Params> supports, String why, String alternative) {

    public Capability {
        Objects.requireNonNull(supports);
        why = why == null ? "not supported by the implementation" : why;
    }

    /** Every parameter value, the SPEC's convention. */
    public static Capability full() {
        return new Capability(p -> true, null, null);
    }

    /** Only parameter values {@code supports} accepts; the others are declined for {@code why}. */
    public static Capability only(Predicate<Params> supports, String why) {
        return new Capability(supports, why, null);
    }

    /** The SPEC's parameter values, under the named catalogue alternative convention. */
    public static Capability following(String alternative) {
        return new Capability(p -> true, null, Objects.requireNonNull(alternative));
    }

    /** This capability, following the named alternative. */
    public Capability andFollowing(String alt) {
        return new Capability(supports, why, Objects.requireNonNull(alt));
    }

    /** The alternative followed, if any. */
    public Optional<String> followed() {
        return Optional.ofNullable(alternative);
    }
}
