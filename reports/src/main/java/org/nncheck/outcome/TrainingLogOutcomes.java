package org.nncheck.outcome;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.nncheck.plot.Figure;
import org.nncheck.plot.FigureRenderer;
import org.nncheck.plot.Series;
import org.nncheck.training.Diagnosis;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingRecord;

/**
 * A diagnosed training log (SPEC section 4.2) as outcomes: one failed outcome per diagnosis
 * (evidence as parameters, advice as the message), or one passed outcome when nothing was
 * diagnosed; each carries the log's curves with every diagnosis marked at its step.
 */
public final class TrainingLogOutcomes {

    /** The report part of training logs. */
    public static final String PART = "Training log";

    private TrainingLogOutcomes() {
    }

    public static List<Outcome> of(TrainingLog log, List<Diagnosis> diagnoses, long startMillis, long millis) {
        String suite = log.source() == null ? "training log" : Path.of(log.source()).getFileName().toString();
        List<Attachment> plots = new ArrayList<>();
        for (Figure f : figures(log, diagnoses)) {
            plots.add(Attachment.png(f.title(), FigureRenderer.png(f)));
        }
        Map<String, String> base = new LinkedHashMap<>();
        base.put("log", String.valueOf(log.source()));
        base.put("records", Integer.toString(log.records().size()));
        List<Outcome> out = new ArrayList<>();
        if (diagnoses.isEmpty()) {
            out.add(new Outcome(PART, suite, null, "no problem diagnosed", Outcome.Status.PASSED, null,
                    "none of the detectors fired on " + log.records().size() + " records", "", startMillis, millis, base, plots));
            return out;
        }
        for (Diagnosis d : diagnoses) {
            Map<String, String> params = new LinkedHashMap<>(base);
            if (d.step() != null) {
                params.put("step", Long.toString(d.step()));
            }
            if (d.layer() != null) {
                params.put("layer", d.layer());
            }
            d.evidence().forEach((k, v) -> params.put(k, String.format(Locale.ROOT, "%.6g", v)));
            String where = (d.step() == null ? "" : " at step " + d.step()) + (d.layer() == null ? "" : " in " + d.layer());
            out.add(new Outcome(PART, suite, null, d.id() + where, Outcome.Status.FAILED, Category.TRAINING_PROBLEM,
                    d.id() + where + ": " + d.advice(), "evidence: " + d.evidence() + "\nadvice: " + d.advice(), startMillis, millis, params, plots));
        }
        return out;
    }

    /**
     * The log's curves: losses, accuracies, the learning rate (when logged) and each layer's
     * gradient norm (log scale, when logged), x = step (or epoch, or record number when neither
     * is logged), with a marker per diagnosis that names a step.
     */
    public static List<Figure> figures(TrainingLog log, List<Diagnosis> diagnoses) {
        List<TrainingRecord> rs = log.records();
        boolean steps = rs.stream().anyMatch(r -> r.step() != null);
        boolean epochs = !steps && rs.stream().anyMatch(r -> r.epoch() != null);
        String xLabel = steps ? "step" : epochs ? "epoch" : "record";
        double[] x = new double[rs.size()];
        for (int i = 0; i < x.length; i++) {
            TrainingRecord r = rs.get(i);
            x[i] = steps ? (r.step() == null ? Double.NaN : r.step()) : epochs ? (r.epoch() == null ? Double.NaN : r.epoch()) : i;
        }
        List<Figure.Marker> markers = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            if (d.step() != null) {
                markers.add(new Figure.Marker(d.step(), d.id() + " (step " + d.step() + ")"));
            }
        }
        String name = log.source() == null ? "" : " (" + Path.of(log.source()).getFileName() + ")";
        List<Figure> figures = new ArrayList<>();
        add(figures, "Loss" + name, xLabel, "loss", false, x, rs, markers, ordered("loss", TrainingRecord::loss, "validation loss", TrainingRecord::valLoss));
        add(figures, "Accuracy" + name, xLabel, "accuracy", false, x, rs, markers,
                ordered("train accuracy", TrainingRecord::trainAcc, "validation accuracy", TrainingRecord::valAcc));
        add(figures, "Learning rate" + name, xLabel, "learning rate", true, x, rs, markers, ordered("lr", TrainingRecord::lr, null, null));
        Map<String, Function<TrainingRecord, Double>> grads = new LinkedHashMap<>();
        for (String layer : log.layers()) {
            grads.put(layer, r -> r.layers() == null || r.layers().get(layer) == null ? null : r.layers().get(layer).get("grad_norm"));
        }
        add(figures, "Gradient norm by layer" + name, xLabel, "grad_norm", true, x, rs, markers, grads);
        return figures;
    }

    private static Map<String, Function<TrainingRecord, Double>> ordered(String k1, Function<TrainingRecord, Double> f1, String k2,
                                                                       Function<TrainingRecord, Double> f2) {
        Map<String, Function<TrainingRecord, Double>> m = new LinkedHashMap<>();
        m.put(k1, f1);
        if (k2 != null) {
            m.put(k2, f2);
        }
        return m;
    }

    private static void add(List<Figure> figures, String title, String xLabel, String yLabel, boolean logY, double[] x, List<TrainingRecord> rs,
                            List<Figure.Marker> markers, Map<String, Function<TrainingRecord, Double>> fields) {
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, Function<TrainingRecord, Double>> field : fields.entrySet()) {
            String key = field.getKey();
            Function<TrainingRecord, Double> f = field.getValue();
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                Double v = f.apply(rs.get(i));
                if (v != null) {
                    pts.add(new double[] {x[i], v});
                }
            }
            if (!pts.isEmpty()) {
                series.add(new Series(key, pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()));
            }
        }
        if (!series.isEmpty()) {
            figures.add(new Figure(title, Figure.Kind.LINE, xLabel, yLabel, false, logY, series, markers));
        }
    }
}
