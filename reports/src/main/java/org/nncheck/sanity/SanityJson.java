package org.nncheck.sanity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.training.Diagnosis;

/**
 * The {@code --json} objects of {@code nncheck sanity} (SPEC section 4.1 and 4.2) as plain maps
 * and lists, for Jackson to write. Beyond the SPEC's fields: per check {@code title},
 * {@code detail} and {@code seconds}; at the top {@code passed}, {@code failed} and
 * {@code seconds} (docs/SPEC-EXTENSIONS.md).
 */
public final class SanityJson {
    private SanityJson() {
    }

    /** The SPEC 4.1 object of a run of the checks. */
    public static Map<String, Object> checks(SanityReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", r.dataset());
        m.put("initial_loss", r.initialLoss());
        m.put("expected_initial_loss", r.expectedInitialLoss());
        m.put("reg_increases_loss", r.regIncreasesLoss());
        m.put("overfit_train_accuracy", r.overfitTrainAccuracy());
        m.put("high_lr_detected", r.highLrDetected());
        m.put("low_lr_detected", r.lowLrDetected());
        m.put("test_accuracy", r.testAccuracy());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (SanityCheckResult c : r.checks()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", c.id());
            o.put("passed", c.passed());
            o.put("numbers", c.numbers());
            o.put("title", c.title());
            o.put("detail", c.detail());
            o.put("seconds", c.duration().toNanos() / 1e9);
            checks.add(o);
        }
        m.put("checks", checks);
        long passed = r.checks().stream().filter(SanityCheckResult::passed).count();
        m.put("passed", passed);
        m.put("failed", r.checks().size() - passed);
        m.put("seconds", r.duration().toNanos() / 1e9);
        return m;
    }

    /** The SPEC 4.2 object of a diagnosed training log. */
    public static Map<String, Object> diagnoses(List<Diagnosis> ds, int records, String source) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Diagnosis d : ds) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", d.id());
            o.put("step", d.step());
            o.put("layer", d.layer());
            o.put("evidence", d.evidence());
            o.put("advice", d.advice());
            list.add(o);
        }
        m.put("diagnoses", list);
        m.put("records", records);
        m.put("source", source);
        return m;
    }
}
