package org.nncheck.core;

/** The type of a component parameter as it appears in a case file's {@code params} object. */
public enum ParamType {
    /** A JSON number, held as a double. */
    DOUBLE("number"),
    /** A JSON integer (a number with no fractional part). */
    INT("integer"),
    /** {@code true} or {@code false}. */
    BOOL("boolean"),
    /** A string out of a fixed set of choices. */
    CHOICE("string"),
    /** An array of integers, e.g. milestones. */
    INT_LIST("array of integers");

    private final String jsonName;

    ParamType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** How the type is called in error messages. */
    public String jsonName() {
        return jsonName;
    }
}
