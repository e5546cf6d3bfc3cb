package org.nncheck.reference.layer;

/**
 * How dropout and dropconnect scale: the SPEC convention and the well-known mistakes that
 * {@code verify} names when a case fails.
 */
public enum DropoutConvention {
    /** SPEC: p is the DROP probability; inverted scales by 1/(1-p) in training only; classic scales by (1-p) at test time. */
    SPEC,
    /**
     * p read as the KEEP probability, as in the CS231n lecture code ({@code p = 0.5 #
     * probability of keeping a unit active}; {@code mask = (rand < p) / p}; test time
     * {@code * p}).
     */
    P_IS_KEEP_PROBABILITY,
    /** Inverted dropout that forgets the 1/(1-p) scaling in training. */
    INVERTED_NOT_SCALED,
    /** Inverted dropout that also scales by (1-p) at test time (scaled twice). */
    INVERTED_SCALED_AT_TEST;

    /** The factor on {@code x * mask} in training. */
    double trainingScale(double p, boolean inverted) {
        return switch (this) {
            case SPEC -> inverted ? 1.0 / (1.0 - p) : 1.0;
            case P_IS_KEEP_PROBABILITY -> inverted ? 1.0 / p : 1.0;
            case INVERTED_NOT_SCALED -> 1.0;
            case INVERTED_SCALED_AT_TEST -> inverted ? 1.0 / (1.0 - p) : 1.0;
        };
    }

    /** The factor on {@code x} at test time. */
    double evalScale(double p, boolean inverted) {
        return switch (this) {
            case SPEC, INVERTED_NOT_SCALED -> inverted ? 1.0 : 1.0 - p;
            case P_IS_KEEP_PROBABILITY -> inverted ? 1.0 : p;
            case INVERTED_SCALED_AT_TEST -> 1.0 - p;
        };
    }
}
