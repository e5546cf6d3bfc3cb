package org.nncheck.properties.preprocess;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.properties.init.CaseFiles;
import org.nncheck.reference.preprocess.ColumnSignAmbiguous;
import org.nncheck.reference.preprocess.Pca;

/**
 * A small stand-in for the lead's {@code nncheck verify}, for the shared case files of the
 * deterministic preprocessing and augmentation components: recompute the outputs with the
 * reference (or an alternative), compare with {@code |a - e| <= atol + rtol |e|}, pca outputs
 * after {@link Pca#alignSigns}.
 */
public final class CaseCheck {
    private CaseCheck() {
    }

    /** Tolerance used for these float64 cases. */
    public static final double RTOL = 1e-7;
    public static final double ATOL = 1e-9;

    /** Outcome of one case. */
    public record Outcome(String file, boolean matches, double worstAbs, List<String> matchingAlternatives) {
    }

    @SuppressWarnings("unchecked")
    public static Outcome check(Path file) throws Exception {
        Map<String, Object> c = CaseFiles.read(file);
        Map<String, Object> rawInputs = (Map<String, Object>) c.get("inputs");
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        rawInputs.forEach((k, v) -> inputs.put(k, CaseFiles.tensor(v)));
        Entry e = Catalogue.resolve((String) c.get("component"), inputs.keySet());
        Params p = e.params((Map<String, Object>) c.getOrDefault("params", Map.of()));
        Map<String, Tensor> expected = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("expected")).forEach((k, v) -> expected.put(k, CaseFiles.tensor(v)));
        double worst = worstError(e.newReference(), inputs, p, expected);
        List<String> alts = new java.util.ArrayList<>();
        for (Alternative a : e.alternatives()) {
            try {
                Component comp = a.component() != null ? a.component() : e.newReference();
                if (worstError(comp, inputs, a.params().apply(p), expected) >= 0) {
                    alts.add(a.name());
                }
            } catch (RuntimeException ex) {
                // not applicable
            }
        }
        return new Outcome(file.getFileName().toString(), worst >= 0, Math.abs(worst), alts);
    }

    /** The worst absolute error, negated when some element is out of tolerance. */
    static double worstError(Component comp, Map<String, Tensor> inputs, Params p, Map<String, Tensor> expected) {
        Map<String, Tensor> out = comp.forward(inputs, p);
        double worst = 0;
        boolean ok = true;
        for (Map.Entry<String, Tensor> ex : expected.entrySet()) {
            Tensor a = out.get(ex.getKey());
            Tensor want = ex.getValue();
            if (a == null || !a.sameShape(want)) {
                return Double.NEGATIVE_INFINITY;
            }
            if (comp instanceof ColumnSignAmbiguous) {
                a = Pca.alignSigns(want, a);
            }
            for (int i = 0; i < a.size(); i++) {
                double err = Math.abs(a.get(i) - want.get(i));
                worst = Math.max(worst, err);
                if (!(err <= ATOL + RTOL * Math.abs(want.get(i)))) {
                    ok = false;
                }
            }
        }
        return ok ? worst : -worst;
    }
}
