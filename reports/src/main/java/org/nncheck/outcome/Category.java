package org.nncheck.outcome;

/**
 * Why a check failed; the report groups failures by these (Allure's categories). The rules that
 * assign them are in docs/SPEC-EXTENSIONS.md ("Report categories").
 */
public enum Category {
    /** a value differs from the reference beyond {@link #PRECISION_FACTOR} times the tolerance */
    WRONG_VALUE("Wrong value", "A value differs from the reference far beyond the tolerance."),
    /** the values match a documented alternative convention (momentum form, keep vs drop probability...) */
    NAMED_CONVENTION("Named convention", "The values match a documented alternative convention, named in the message."),
    /** out of tolerance, but by less than {@link #PRECISION_FACTOR} times it: arithmetic precision */
    PRECISION("Precision", "Out of tolerance by less than 10 times the tolerance: suspect the arithmetic's precision."),
    /** a rule of the contract: shape, inputs unchanged, missing input, determinism, malformed case */
    CONTRACT_ERROR("Contract error", "A rule of the contract is broken: shapes, unchanged inputs, missing inputs, determinism, "
            + "or the case file itself."),
    /** the implementation (or a check) threw */
    CRASH("Crash", "The implementation threw an exception."),
    /** a problem diagnosed in a training log or a training sanity check (SPEC section 4) */
    TRAINING_PROBLEM("Training problem", "A training run shows a diagnosed problem (curves with the diagnosis marked are attached).");

    /** Failures within this factor of the tolerance are {@link #PRECISION}, beyond it {@link #WRONG_VALUE}. */
    public static final double PRECISION_FACTOR = 10;

    private final String title;
    private final String description;

    Category(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The status message of an outcome of this category starts with this, e.g. {@code Wrong value: }. */
    public String prefix() {
        return title + ": ";
    }

    /** Wrong value or precision, by how far out of tolerance: {@code used} = error / allowed error. */
    public static Category ofValue(double used) {
        return used <= PRECISION_FACTOR ? PRECISION : WRONG_VALUE;
    }
}
