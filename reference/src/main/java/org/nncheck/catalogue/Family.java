package org.nncheck.catalogue;

/** The sections of SPEC.md's component catalogue. */
public enum Family {
    ACTIVATION("activations"),
    LOSS("losses"),
    REGULARIZER("regularizers"),
    LAYER("layers"),
    OPTIMIZER("optimizers"),
    SCHEDULE("learning-rate schedules"),
    INITIALIZER("initializers"),
    PREPROCESSING("data preprocessing"),
    AUGMENTATION("data augmentation");

    private final String title;

    Family(String title) {
        this.title = title;
    }

    /** Section title as in SPEC.md. */
    public String title() {
        return title;
    }
}
