package org.nncheck.cases;

/**
 * Where a part of a case was written: its line in the file (1-based) and its JSON path
 * ({@code $.inputs.x}). Kept for object members only; the place of a bad tensor element is
 * computed from the parser when the error happens.
 *
 * @param line line of the value's first character
 * @param path JSON path of the value
 */
public record Location(int line, String path) {
}
