package org.nncheck.training;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields of a training-log record and their names (SPEC section 4.2's table), with the
 * extensions of docs/SPEC-EXTENSIONS.md: Keras' metric names ({@code sparse_categorical_accuracy}
 * ...), namespaced names ({@code train/loss}), and Lightning's {@code _step}/{@code _epoch}
 * suffixes. Names are case-insensitive.
 */
enum LogField {
    STEP("step", "iteration", "global_step"),
    EPOCH("epoch"),
    LOSS("loss", "train_loss", "training_loss"),
    VAL_LOSS("val_loss", "validation_loss"),
    TRAIN_ACC("train_acc", "acc", "accuracy", "train_accuracy", "training_accuracy", "sparse_categorical_accuracy",
            "categorical_accuracy", "binary_accuracy", "train_sparse_categorical_accuracy"),
    VAL_ACC("val_acc", "val_accuracy", "validation_accuracy", "val_sparse_categorical_accuracy",
            "val_categorical_accuracy", "val_binary_accuracy"),
    LR("lr", "learning_rate");

    /** Per-layer statistic names (SPEC section 4.2). */
    static final Set<String> LAYER_STATS = Set.of("grad_norm", "weight_norm", "update_norm", "act_mean", "act_std",
            "dead_fraction", "saturated_fraction");

    private final List<String> names;

    LogField(String... names) {
        this.names = List.of(names);
    }

    /** The SPEC's name of the field. */
    String specName() {
        return names.get(0);
    }

    /**
     * How a column or key name maps to a field.
     *
     * @param field the field
     * @param rank 0 for an exact name, 1 for a Lightning {@code _step} name (logged every few
     *     steps), 2 for a Lightning {@code _epoch} name (an epoch average); a field given by
     *     columns of different ranks is read from the lowest rank
     */
    record Match(LogField field, int rank) {
    }

    private static final Map<String, LogField> BY_NAME = byName();

    private static Map<String, LogField> byName() {
        Map<String, LogField> m = new java.util.HashMap<>();
        for (LogField f : values()) {
            for (String n : f.names) {
                m.put(n, f);
            }
        }
        return Map.copyOf(m);
    }

    /**
     * Lightning's {@code LearningRateMonitor} logs the learning rate of an optimizer as
     * {@code lr-<Optimizer class>} ({@code lr-SGD}, {@code lr-Adam}; pytorch_lightning/callbacks/lr_monitor.py,
     * {@code _add_prefix}); {@code lr-SGD-momentum} and the per-parameter-group {@code lr-SGD/pg1} are
     * other metrics. Read at rank 1: a plain {@code lr} column wins.
     */
    private static final java.util.regex.Pattern LIGHTNING_LR = java.util.regex.Pattern.compile("lr-[a-z][a-z0-9_]*");

    /** The field a column or key name stands for, or {@code null} for another metric. */
    static Match match(String rawName) {
        String name = rawName.trim().toLowerCase(Locale.ROOT);
        if (LIGHTNING_LR.matcher(name).matches()) {
            return new Match(LR, 1);
        }
        Match m = exactOrSuffixed(name);
        if (m == null && name.contains("/")) {
            m = exactOrSuffixed(name.replace('/', '_'));
        }
        return m;
    }

    private static Match exactOrSuffixed(String name) {
        LogField f = BY_NAME.get(name);
        if (f != null) {
            return new Match(f, 0);
        }
        for (String suffix : List.of("_step", "_epoch")) {
            if (name.endsWith(suffix)) {
                LogField g = BY_NAME.get(name.substring(0, name.length() - suffix.length()));
                if (g != null && g != STEP && g != EPOCH) {
                    return new Match(g, suffix.equals("_step") ? 1 : 2);
                }
            }
        }
        return null;
    }

    /**
     * Whether a name looks like a per-layer statistic (so that a misspelt one is an error rather
     * than an ignored metric): it ends in {@code _norm} or {@code _fraction}, or starts with
     * {@code act_}, {@code grad}, {@code weight} or {@code update}.
     */
    static boolean looksLikeLayerStat(String stat) {
        String s = stat.toLowerCase(Locale.ROOT);
        return s.endsWith("_norm") || s.endsWith("_fraction") || s.startsWith("act_") || s.startsWith("grad")
                || s.startsWith("weight") || s.startsWith("update");
    }
}
