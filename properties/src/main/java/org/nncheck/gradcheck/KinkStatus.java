package org.nncheck.gradcheck;

/** What a gradient check saw about kinks at one checked element (or direction). */
public enum KinkStatus {
    /** Smooth here: central differences. */
    NONE("-"),
    /** A declared kink within two steps: one-sided differences on the side away from it. */
    NEAR_KINK_ONE_SIDED("near kink, one-sided"),
    /** Exactly at a declared kink: any value between the left and right slopes is accepted. */
    AT_KINK_SUBGRADIENT("at kink, subgradient"),
    /**
     * A data-dependent kink was crossed (left and right slopes disagree): a subgradient between
     * them is accepted, and the crossing is flagged.
     */
    KINK_CROSSED("kink crossed"),
    /**
     * Left and right slopes disagree where the component declares no kink: its
     * {@code kinks()} is wrong (or its forward is not what it claims). Always a failure.
     */
    UNDECLARED_KINK("UNDECLARED kink");

    private final String label;

    KinkStatus(String label) {
        this.label = label;
    }

    /** Short text for the report table. */
    public String label() {
        return label;
    }

    /** Whether the numeric value is an interval of subgradients rather than one slope. */
    public boolean subgradient() {
        return this == AT_KINK_SUBGRADIENT || this == KINK_CROSSED || this == UNDECLARED_KINK;
    }
}
