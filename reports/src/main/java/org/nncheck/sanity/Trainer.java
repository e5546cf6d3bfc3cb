package org.nncheck.sanity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nncheck.training.LogMeta;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingRecord;

/**
 * Minibatch SGD of an {@link Mlp} on labelled images, logging every step as a
 * {@link TrainingRecord} (SPEC section 4.2): record {@code step = s} holds the minibatch loss
 * and the gradient at the weights after {@code s} updates (so step 0 is the loss at
 * initialization, before any update), the update applied from that gradient, and, on
 * evaluation steps, training and validation accuracy and validation loss at those same weights.
 * A NaN or infinite loss is logged and stops the run (the lectures: "NaN almost always means a
 * learning rate too high"; nothing after it is informative).
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Trains a new net.
     *
     * @param train the training images (minibatches are drawn from all of them, reshuffled each epoch)
     * @param validation the validation images, or {@code null}
     */
    public static TrainingRun train(TrainSpec spec, LabelledImages train, LabelledImages validation, InputScaling scaling,
                                    Progress progress) {
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        Mlp net = Mlp.create(spec.sizes(train.features(), train.classes()), spec.activation(), spec.init(), spec.initParams(),
                spec.outputStd(), rnd);
        return train(spec, net, rnd, train, validation, scaling, progress);
    }

    /** Trains {@code net} (updated in place), drawing minibatches with {@code rnd}. */
    public static TrainingRun train(TrainSpec spec, Mlp net, SplittableRandom rnd, LabelledImages train, LabelledImages validation,
                                    InputScaling scaling, Progress progress) {
        long t0 = System.nanoTime();
        int n = train.size();
        int batch = Math.min(spec.batch(), n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int cursor = n;
        List<TrainingRecord> records = new ArrayList<>();
        List<TrainingRun.EvalPoint> evals = new ArrayList<>();
        double[] losses = new double[spec.steps()];
        boolean nonFinite = false;
        int s = 0;
        for (; s < spec.steps(); s++) {
            if (batch == n) {
                cursor = 0;
            } else if (cursor + batch > n) {
                shuffle(order, rnd);
                cursor = 0;
            }
            int[] idx = Arrays.copyOfRange(order, cursor, cursor + batch);
            cursor += batch;
            Mlp.Pass pass = net.forward(scaling.batch(train, idx), InputScaling.labels(train, idx), spec.lambda());
            double loss = pass.loss();
            losses[s] = loss;
            TrainingRun.EvalPoint eval = null;
            boolean last = s == spec.steps() - 1 || !Double.isFinite(loss);
            if (spec.evalEvery() > 0 && (s % spec.evalEvery() == 0 || last)) {
                eval = new TrainingRun.EvalPoint(s, Evaluation.of(net, train, scaling, spec.evalLimit()),
                        validation == null ? null : Evaluation.of(net, validation, scaling, spec.evalLimit()));
                evals.add(eval);
            }
            double[] weightNorms = new double[net.layers()];
            for (int l = 0; l < net.layers(); l++) {
                weightNorms[l] = LayerStatistics.norm(net.weight(l));
            }
            Mlp.Gradients grads = net.backward(pass);
            double[] updates;
            if (Double.isFinite(loss)) {
                updates = net.sgdStep(grads, spec.lr());
            } else {
                updates = new double[net.layers()];
                Arrays.fill(updates, Double.NaN);
            }
            records.add(record(s, (double) s * batch / n, loss, eval, spec.lr(),
                    LayerStatistics.of(net, pass, grads, weightNorms, updates)));
            progress.step(spec.name(), s + 1, spec.steps(), loss);
            if (!Double.isFinite(loss)) {
                nonFinite = true;
                s++;
                break;
            }
        }
        TrainingLog log = new TrainingLog("nncheck sanity: " + spec.name(),
                new LogMeta(train.classes(), "softmax_cross_entropy", batch, n, "nncheck reference (Java, EJML)"),
                net.layerNames(), records);
        return new TrainingRun(spec, net, log, Arrays.copyOf(losses, s), List.copyOf(evals), nonFinite,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private static TrainingRecord record(int step, double epoch, double loss, TrainingRun.EvalPoint eval, double lr,
                                         java.util.Map<String, java.util.Map<String, Double>> layers) {
        Double trainAcc = eval == null ? null : eval.train().accuracy();
        Double valLoss = eval == null || eval.validation() == null ? null : eval.validation().loss();
        Double valAcc = eval == null || eval.validation() == null ? null : eval.validation().accuracy();
        return new TrainingRecord(0, (long) step, epoch, loss, valLoss, trainAcc, valAcc, lr, layers);
    }

    /** Fisher-Yates with the run's generator. */
    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
