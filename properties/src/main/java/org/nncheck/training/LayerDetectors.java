package org.nncheck.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The detectors that read per-layer statistics (SPEC section 4.2: vanishing_gradients,
 * exploding_gradients, dying_relu, saturation, update_ratio_high, update_ratio_low). A layer that
 * did not log a statistic is left out; a log without per-layer statistics gets none of these.
 * Each judges medians over the run or over windows of {@link RobustStats#window(int)} records, so
 * one odd minibatch decides nothing. Thresholds and their reasons: docs/TRAINING-LOGS.md. Advice:
 * CS231n, "Neural Networks Part 3" (update ratios, activation/gradient distributions per layer) and
 * "Neural Networks Part 1" (dying ReLU, saturated sigmoid/tanh).
 */
final class LayerDetectors {
    /** vanishing_gradients: the input-side gradient norm is below this fraction of the output side's. */
    static final double VANISHING_RATIO = 1e-2;
    /** vanishing_gradients "tiny overall": every layer's grad_norm / weight_norm below this. */
    static final double TINY_GRADIENT = 1e-7;
    /** exploding_gradients: the input-side gradient norm is above this multiple of the output side's. */
    static final double EXPLODING_RATIO = 1e2;
    /** exploding_gradients: a layer's gradient norm grows to this multiple of its start. */
    static final double EXPLODING_GROWTH = 1e3;
    /** dying_relu: fraction of dead units (dead for a whole batch). */
    static final double DEAD_FRACTION = 0.5;
    /** saturation: fraction of outputs within 0.01 of the bounds, in one layer at any time ... */
    static final double SATURATED_FRACTION = 0.9;
    /**
     * ... or in the typical layer (median over the layers) over the first records: saturated from
     * the initialization (a healthy Xavier-initialized tanh net starts near 0.01 and its first
     * layer saturates with training, to 0.67 in the fixtures; weights N(0, 1) start at 0.6-1.0).
     */
    static final double SATURATED_AT_START = 0.5;
    /** update_ratio_high: update_norm / weight_norm above this (two orders of magnitude above 1e-3). */
    static final double UPDATE_RATIO_HIGH = 1e-1;
    /** update_ratio_low: update_norm / weight_norm below this (two orders of magnitude below 1e-3). */
    static final double UPDATE_RATIO_LOW = 1e-5;

    private LayerDetectors() {
    }

    static void detect(RunView run, List<Diagnosis> out) {
        List<String> withGrad = layersWith(run, "grad_norm");
        gradients(run, withGrad, out);
        fraction(run, "dead_fraction", deadThreshold(run.log.meta()), "dying_relu",
                "of the units of this ReLU layer never activate (dead for every example of a batch): lower the "
                        + "learning rate, check the bias initialization (no large negative biases), or use leaky "
                        + "ReLU / Maxout.", out);
        String saturationAdvice = "of the outputs of this sigmoid/tanh layer sit at its bounds, where the local "
                + "gradient is near zero: the weights are too large; use Xavier initialization, normalize the "
                + "inputs, or switch to ReLU.";
        int before = out.size();
        fraction(run, "saturated_fraction", SATURATED_FRACTION, "saturation", saturationAdvice, out);
        if (out.size() == before) {
            saturatedFromTheStart(run, saturationAdvice, out);
        }
        updateRatios(run, out);
    }

    /**
     * The dead-fraction threshold. A healthy unit active for half of the examples is dead for a
     * whole batch of B examples with probability 0.5^B; the threshold is at least twice that, so
     * that batches of 1 or 2 examples (where half the units are dead by chance) are not flagged.
     */
    static double deadThreshold(LogMeta meta) {
        if (meta.batchSize() == null) {
            return DEAD_FRACTION;
        }
        return Math.max(DEAD_FRACTION, 2 * Math.pow(0.5, meta.batchSize()));
    }

    private static List<String> layersWith(RunView run, String stat) {
        List<String> out = new ArrayList<>();
        for (String layer : run.log.layers()) {
            if (run.layerSeries(layer, stat).size() > 0) {
                out.add(layer);
            }
        }
        return out;
    }

    private static void gradients(RunView run, List<String> layers, List<Diagnosis> out) {
        if (layers.isEmpty()) {
            return;
        }
        boolean vanishing = false;
        boolean exploding = false;
        if (layers.size() >= 2) {
            String in = layers.get(0);
            String outLayer = layers.get(layers.size() - 1);
            RunView.Series ratio = run.series(r -> {
                Double a = stat(r, in, "grad_norm");
                Double b = stat(r, outLayer, "grad_norm");
                return a == null || b == null || b == 0 ? null : a / b;
            });
            if (ratio.size() > 0) {
                double m = RobustStats.median(ratio.values());
                Evidence e = new Evidence().put("input_to_output_grad_ratio", m)
                        .put("input_grad_norm", RobustStats.median(run.layerSeries(in, "grad_norm").values()))
                        .put("output_grad_norm", RobustStats.median(run.layerSeries(outLayer, "grad_norm").values()))
                        .put("records", ratio.size());
                if (m < VANISHING_RATIO) {
                    vanishing = true;
                    out.add(e.diagnosis("vanishing_gradients", ratio.position(firstBelow(ratio, VANISHING_RATIO)), in,
                            "The gradients reaching the input-side layer " + in + " are orders of magnitude "
                                    + "smaller than at the output layer " + outLayer + " (median ratio "
                                    + LogNumbers.format(m) + "): the early layers barely learn; use ReLU instead of "
                                    + "sigmoid/tanh, Xavier/He initialization, batch normalization or residual "
                                    + "connections."));
                } else if (m > EXPLODING_RATIO) {
                    exploding = true;
                    out.add(e.diagnosis("exploding_gradients", ratio.position(firstAbove(ratio, EXPLODING_RATIO)), in,
                            "The gradients grow by orders of magnitude from the output layer " + outLayer
                                    + " back to the input-side layer " + in + " (median ratio " + LogNumbers.format(m)
                                    + "): the weights are too large for the depth; use Xavier/He initialization, "
                                    + "batch normalization, gradient clipping or a lower learning rate."));
                }
            }
        }
        if (!vanishing) {
            tinyOverall(run, layers, out);
        }
        if (!exploding) {
            growth(run, layers, out);
        }
    }

    private static void tinyOverall(RunView run, List<String> layers, List<Diagnosis> out) {
        double largest = 0;
        boolean known = false;
        for (String l : layers) {
            RunView.Series rel = run.series(r -> {
                Double g = stat(r, l, "grad_norm");
                Double w = stat(r, l, "weight_norm");
                return g == null || w == null || w == 0 ? null : g / w;
            });
            if (rel.size() == 0) {
                return;
            }
            known = true;
            largest = Math.max(largest, RobustStats.median(rel.values()));
        }
        if (known && largest < TINY_GRADIENT) {
            out.add(new Evidence().put("largest_grad_to_weight_ratio", largest).diagnosis("vanishing_gradients", null,
                    null, "The gradients of every layer are tiny (grad_norm / weight_norm at most "
                            + LogNumbers.format(largest) + "): nothing learns; check the initialization, "
                            + "saturated activations and the loss scale."));
        }
    }

    private static void growth(RunView run, List<String> layers, List<Diagnosis> out) {
        RunView.Series loss = run.series(TrainingRecord::loss);
        for (String l : layers) {
            RunView.Series g = run.layerSeries(l, "grad_norm");
            int n = g.size();
            int w = RobustStats.window(n);
            if (n < 2 * w || n < 3) {
                continue;
            }
            double start = RobustStats.median(g.values(), 0, w);
            double[] smooth = RobustStats.runningMedian(g.values(), w);
            for (int i = w; i < n; i++) {
                if (start > 0 && smooth[i] > EXPLODING_GROWTH * start && !lossImproved(loss, g.position(i))) {
                    out.add(new Evidence().put("start_grad_norm", start).put("grad_norm", smooth[i])
                            .put("growth", smooth[i] / start).put("lr", g.records().get(i).lr())
                            .diagnosis("exploding_gradients", g.position(i), l, "The gradient norm of " + l
                                    + " grew " + LogNumbers.format(smooth[i] / start) + " times over the run: lower "
                                    + "the learning rate, clip gradients, check the initialization."));
                    return;
                }
            }
        }
    }

    private static void fraction(RunView run, String stat, double threshold, String id, String advice,
                                 List<Diagnosis> out) {
        Diagnosis worst = null;
        double worstValue = threshold;
        for (String l : layersWith(run, stat)) {
            RunView.Series s = run.layerSeries(l, stat);
            int n = s.size();
            int w = Math.min(n, Math.max(3, RobustStats.window(n)));
            int first = -1;
            double peak = 0;
            for (int i = 0; i + w <= n; i++) {
                double m = RobustStats.median(s.values(), i, i + w);
                if (m > threshold && first < 0) {
                    first = i;
                }
                peak = Math.max(peak, m);
            }
            if (first >= 0 && peak > worstValue) {
                worstValue = peak;
                worst = new Evidence().put(stat, peak).put("threshold", threshold)
                        .put("run_median", RobustStats.median(s.values())).put("window", w)
                        .diagnosis(id, s.position(first), l, LossDetectors.percent(peak) + " " + advice);
            }
        }
        if (worst != null) {
            out.add(worst);
        }
    }

    private static void saturatedFromTheStart(RunView run, String advice, List<Diagnosis> out) {
        List<String> layers = layersWith(run, "saturated_fraction");
        if (layers.isEmpty()) {
            return;
        }
        RunView.Series typical = run.series(r -> {
            double[] v = new double[layers.size()];
            for (int i = 0; i < v.length; i++) {
                Double x = stat(r, layers.get(i), "saturated_fraction");
                if (x == null || !Double.isFinite(x)) {
                    return null;
                }
                v[i] = x;
            }
            return RobustStats.median(v);
        });
        int n = typical.size();
        int w = Math.min(n, Math.max(3, RobustStats.window(n)));
        if (n == 0 || RobustStats.median(typical.values(), 0, w) <= SATURATED_AT_START) {
            return;
        }
        String worst = null;
        double worstValue = -1;
        for (String l : layers) {
            double m = RobustStats.median(run.layerSeries(l, "saturated_fraction").values(), 0, w);
            if (m > worstValue) {
                worstValue = m;
                worst = l;
            }
        }
        double typicalStart = RobustStats.median(typical.values(), 0, w);
        out.add(new Evidence().put("median_layer_saturated_fraction", typicalStart)
                .put("saturated_fraction", worstValue).put("threshold", SATURATED_AT_START).put("window", w)
                .diagnosis("saturation", typical.position(0), worst, LossDetectors.percent(typicalStart)
                        + " (median over the layers, from the first records) " + advice));
    }

    private static void updateRatios(RunView run, List<Diagnosis> out) {
        Diagnosis high = null;
        Diagnosis low = null;
        double highest = UPDATE_RATIO_HIGH;
        double lowest = UPDATE_RATIO_LOW;
        for (String l : layersWith(run, "update_norm")) {
            RunView.Series ratio = run.series(r -> {
                Double u = stat(r, l, "update_norm");
                Double w = stat(r, l, "weight_norm");
                return u == null || w == null || w == 0 ? null : u / w;
            });
            if (ratio.size() == 0) {
                continue;
            }
            double m = RobustStats.median(ratio.values());
            Evidence e = new Evidence().put("update_to_weight_ratio", m).put("records", ratio.size())
                    .put("lr", ratio.records().get(0).lr());
            if (m > highest) {
                highest = m;
                high = e.diagnosis("update_ratio_high", ratio.position(firstAbove(ratio, UPDATE_RATIO_HIGH)), l,
                        "Each update changes the weights of " + l + " by " + LossDetectors.percent(m) + " (median "
                                + "update_norm / weight_norm; about 0.1% is healthy): the learning rate is too high; "
                                + "lower it.");
            } else if (m < lowest) {
                lowest = m;
                low = e.diagnosis("update_ratio_low", ratio.position(firstBelow(ratio, UPDATE_RATIO_LOW)), l,
                        "Each update changes the weights of " + l + " by a fraction " + LogNumbers.format(m)
                                + " (median update_norm / weight_norm; about 1e-3 is healthy): the learning rate is "
                                + "too low; raise it.");
            }
        }
        if (high != null) {
            out.add(high);
        }
        if (low != null) {
            out.add(low);
        }
    }

    /**
     * Whether the smoothed loss up to a position is below its start: gradients that grow while
     * the loss falls are a network leaving a flat start (plateau_at_start), not an explosion.
     */
    private static boolean lossImproved(RunView.Series loss, long position) {
        int n = loss.size();
        if (n == 0) {
            return false;
        }
        int w = RobustStats.window(n);
        int end = 0;
        while (end < n && loss.position(end) <= position) {
            end++;
        }
        double start = RobustStats.median(loss.values(), 0, w);
        double now = RobustStats.median(loss.values(), Math.max(0, end - w), Math.max(end, 1));
        return now < start;
    }

    private static Double stat(TrainingRecord r, String layer, String stat) {
        var s = r.layers().get(layer);
        return s == null ? null : s.get(stat);
    }

    private static int firstBelow(RunView.Series s, double limit) {
        for (int i = 0; i < s.size(); i++) {
            if (s.values()[i] < limit) {
                return i;
            }
        }
        return 0;
    }

    private static int firstAbove(RunView.Series s, double limit) {
        for (int i = 0; i < s.size(); i++) {
            if (s.values()[i] > limit) {
                return i;
            }
        }
        return 0;
    }
}
