package org.nncheck.cases;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.nncheck.core.Tensor;

/**
 * One parsed case (SPEC.md section 2): a component, its parameters, its inputs (including
 * upstream gradients such as {@code dy}), the outputs and gradients another implementation
 * produced, and optionally a tolerance.
 *
 * @param file the file it came from
 * @param line its first line in that file
 * @param id the case id ({@code file#line} when the case gives none)
 * @param component the component id as written
 * @param dtype the precision the case was produced in
 * @param params raw parameter values (validated against the catalogue later)
 * @param locations where each part was written ({@code component}, {@code params.eps},
 *     {@code inputs.x}, {@code expected.dx}), for error messages
 * @param inputs inputs by name
 * @param expected expected outputs and gradients by name
 * @param tolerance the case's own tolerance, if any
 */
public record Case(Path file, int line, String id, String component, Dtype dtype, Map<String, Object> params,
                   Map<String, Location> locations, Map<String, Tensor> inputs, Map<String, Tensor> expected,
                   Optional<Tolerance> tolerance) {

    /** The JSON value a part came from, e.g. {@code at("inputs.x")}, or the case's root line. */
    public CaseFormatException error(String part, String problem) {
        Location j = locations.get(part);
        return j == null ? new CaseFormatException(line, "$", problem) : CaseFormatException.at(j, problem);
    }

    /** "file:line" for messages. */
    public String where() {
        return file + ":" + line;
    }
}
