package org.nncheck.cases;

/**
 * A malformed case: says what is wrong and where (file, line, JSON path). Never printed with a
 * stack trace: {@link #getMessage()} is the whole story.
 */
public final class CaseFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String path;
    private final String problem;

    public CaseFormatException(int line, String path, String problem) {
        super(line + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + problem);
        this.line = line;
        this.path = path;
        this.problem = problem;
    }

    /** Creates the exception for a place in the file. */
    public static CaseFormatException at(Location where, String problem) {
        return new CaseFormatException(where.line(), where.path(), problem);
    }

    /** Creates the exception for a value. */
    public static CaseFormatException at(Json where, String problem) {
        return new CaseFormatException(where.line(), where.path(), problem);
    }

    public int line() {
        return line;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
