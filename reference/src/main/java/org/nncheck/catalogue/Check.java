package org.nncheck.catalogue;

/**
 * The generic checks that iterate the catalogue and that an {@link Entry} may skip, each skip
 * with a written reason ({@link Entry#skipReason(Check)}).
 */
public enum Check {
    /** The finite-difference gradient check of the backward. */
    GRADIENT("finite-difference gradient check"),
    /** The cross-check of the OpenCL implementation against the reference ("no kernel" reasons). */
    GPU("OpenCL implementation"),
    /** The case-file round trip (generate a case, verify it). */
    CASES("case-file round trip"),
    /** The accuracy measurement against the entry's high-precision {@link Oracle}. */
    ACCURACY("accuracy against the high-precision oracle");

    private final String title;

    Check(String title) {
        this.title = title;
    }

    /** What the check is, in words. */
    public String title() {
        return title;
    }
}
