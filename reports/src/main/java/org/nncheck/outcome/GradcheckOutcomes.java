package org.nncheck.outcome;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.nncheck.catalogue.Entry;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.TensorReport;

/**
 * Gradient checks as outcomes: one per entry, parameter set and requested mode (element by element
 * or directional), named after the modes the checker really used ({@link #modeOf}), with
 * the per-tensor table of every sample as a text attachment. A failure is a precision failure
 * when its worst relative error is within {@link Category#PRECISION_FACTOR} of the tolerance,
 * else a wrong value; a check that threw is a crash.
 */
public final class GradcheckOutcomes {

    private GradcheckOutcomes() {
    }

    public static Outcome of(String part, Entry e, int paramSet, boolean directional, List<CatalogueGradcheck.Run> runs, long startMillis,
                             long millis) {
        String mode = modeOf(runs, directional);
        Map<String, String> params = parameters(e, paramSet, mode);
        params.put("samples", Integer.toString(runs.size()));
        boolean ok = runs.stream().allMatch(CatalogueGradcheck.Run::passed);
        double worst = runs.stream().mapToDouble(r -> r.result().worstRelError()).max().orElse(0);
        double raw = runs.stream().flatMap(r -> r.result().tensors().stream()).mapToDouble(TensorReport::rawRelError).max().orElse(0);
        double tol = e.gradcheckTolerance();
        String message = String.format(Locale.ROOT, "%d samples, worst rel err %.2e net of the finite-difference error estimate (raw %.2e; tolerance %.0e)",
                runs.size(), worst, raw, tol);
        StringBuilder detail = new StringBuilder();
        List<Attachment> tables = new ArrayList<>();
        for (CatalogueGradcheck.Run r : runs) {
            String table = r.where() + "\n" + r.result().table(r.tolerance());
            tables.add(Attachment.text((r.passed() ? "" : "FAILED ") + "per-tensor table, size " + r.size() + ", sample seed " + r.sampleSeed(), table));
            if (!r.passed()) {
                detail.append(table).append('\n');
            }
        }
        Category category = ok ? null : worst / tol <= Category.PRECISION_FACTOR ? Category.PRECISION : Category.WRONG_VALUE;
        return new Outcome(part, e.family().name().toLowerCase(Locale.ROOT), org.nncheck.catalogue.Catalogue.key(e.family(), e.id()), name(paramSet, mode),
                ok ? Outcome.Status.PASSED : Outcome.Status.FAILED, category, message, detail.toString(), startMillis, millis, params, tables);
    }

    /** A gradient check that threw (the implementation crashed). */
    public static Outcome crashed(String part, Entry e, int paramSet, boolean directional, RuntimeException ex, long startMillis, long millis) {
        java.io.StringWriter sw = new java.io.StringWriter();
        ex.printStackTrace(new java.io.PrintWriter(sw));
        return new Outcome(part, e.family().name().toLowerCase(Locale.ROOT), org.nncheck.catalogue.Catalogue.key(e.family(), e.id()), name(paramSet, requested(directional)), Outcome.Status.FAILED,
                Category.CRASH, "threw " + ex, sw.toString(), startMillis, millis, parameters(e, paramSet, requested(directional)), List.of());
    }

    /**
     * The modes the checker really used in these runs, in {@link TensorReport.CheckMode} order
     * and joined by {@code +} ({@code colored}, {@code dense}, {@code directional},
     * {@code dense+colored} where some tensors had a declared dependence and others not); the
     * requested mode ({@code dense} or {@code directional}) when no tensor was checked.
     */
    public static String modeOf(List<CatalogueGradcheck.Run> runs, boolean directional) {
        EnumSet<TensorReport.CheckMode> used = EnumSet.noneOf(TensorReport.CheckMode.class);
        runs.forEach(r -> r.result().tensors().forEach(t -> used.add(t.mode())));
        if (used.isEmpty()) {
            return requested(directional);
        }
        return used.stream().map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("+"));
    }

    private static String requested(boolean directional) {
        return directional ? "directional" : "dense";
    }

    private static Map<String, String> parameters(Entry e, int paramSet, String mode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("params", String.valueOf(e.sampleParams().get(paramSet)));
        params.put("mode", mode);
        return params;
    }

    private static String name(int paramSet, String mode) {
        return "params#" + paramSet + " " + mode;
    }
}
