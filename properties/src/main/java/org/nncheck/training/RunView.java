package org.nncheck.training;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A training log as the detectors see it: the records before the first non-finite value (what
 * comes after a NaN is no evidence of anything else), and their series.
 */
final class RunView {
    final TrainingLog log;
    /** Records up to, not including, the first with a non-finite loss or layer norm. */
    final List<TrainingRecord> finite;
    /** The first record with a non-finite value, or null. */
    final TrainingRecord firstNonFinite;
    private final Map<TrainingRecord, Integer> index = new IdentityHashMap<>();

    RunView(TrainingLog log) {
        this.log = log;
        for (int i = 0; i < log.records().size(); i++) {
            index.put(log.records().get(i), i);
        }
        int cut = log.records().size();
        for (int i = 0; i < log.records().size(); i++) {
            if (nonFinite(log.records().get(i)) != null) {
                cut = i;
                break;
            }
        }
        this.finite = log.records().subList(0, cut);
        this.firstNonFinite = cut < log.records().size() ? log.records().get(cut) : null;
    }

    /**
     * What is non-finite in a record: "loss", "val_loss", or "<stat>/<layer>" for a gradient,
     * weight or update norm; null when all are finite.
     */
    static String nonFinite(TrainingRecord r) {
        if (r.loss() != null && !Double.isFinite(r.loss())) {
            return "loss";
        }
        if (r.valLoss() != null && !Double.isFinite(r.valLoss())) {
            return "val_loss";
        }
        for (Map.Entry<String, Map<String, Double>> l : r.layers().entrySet()) {
            for (String stat : List.of("grad_norm", "weight_norm", "update_norm")) {
                Double v = l.getValue().get(stat);
                if (v != null && !Double.isFinite(v)) {
                    return stat + "/" + l.getKey();
                }
            }
        }
        return null;
    }

    /**
     * Where a record sits in the run: its step, else its epoch, else its index in the log (an
     * in-memory log may have neither).
     */
    long position(TrainingRecord r) {
        if (r.step() != null) {
            return r.step();
        }
        if (r.epoch() != null) {
            return (long) Math.floor(r.epoch());
        }
        Integer i = index.get(r);
        return i == null ? 0 : i;
    }

    /** The finite records that have a value, the values, and the records' positions in the run. */
    record Series(List<TrainingRecord> records, double[] values, long[] positions) {
        int size() {
            return values.length;
        }

        long position(int i) {
            return positions[i];
        }
    }

    /** A series of the finite records (values that are NaN or infinite are left out). */
    Series series(Function<TrainingRecord, Double> field) {
        List<TrainingRecord> rs = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (TrainingRecord r : finite) {
            Double v = field.apply(r);
            if (v != null && Double.isFinite(v)) {
                rs.add(r);
                vs.add(v);
            }
        }
        return new Series(rs, vs.stream().mapToDouble(Double::doubleValue).toArray(),
                rs.stream().mapToLong(this::position).toArray());
    }

    /** A per-layer statistic as a series. */
    Series layerSeries(String layer, String stat) {
        return series(r -> {
            Map<String, Double> s = r.layers().get(layer);
            return s == null ? null : s.get(stat);
        });
    }
}
