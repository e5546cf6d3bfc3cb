package org.nncheck.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The detectors on in-memory logs: what they must ignore (minibatch noise, single spikes, logs of a
 * few records, missing statistics, chance deaths of small batches) and where they must speak.
 */
class TrainingDetectorsTest {
    private static final LogMeta TEN_CLASSES = new LogMeta(10, null, 64, null, null);

    private static TrainingRecord rec(long step, Double loss, Double trainAcc, Map<String, Map<String, Double>> layers) {
        return new TrainingRecord(0, step, null, loss, null, trainAcc, null, 0.01, layers);
    }

    private static List<String> ids(LogMeta meta, List<String> layers, List<TrainingRecord> records) {
        return TrainingDiagnostics.diagnose(new TrainingLog("memory", meta, layers, records)).stream()
                .map(Diagnosis::id).toList();
    }

    /** A healthy curve: 2.3 decaying to 0.3, times lognormal minibatch noise (sigma 0.3). */
    private static List<TrainingRecord> noisyHealthy(int n, long seed, IntFunction<Map<String, Map<String, Double>>> layers) {
        Random rnd = new Random(seed);
        List<TrainingRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double level = 0.3 + 2.0 * Math.exp(-5.0 * i / n);
            double acc = Math.min(1, Math.max(0, 0.9 - 0.8 * Math.exp(-5.0 * i / n) + 0.06 * rnd.nextGaussian()));
            out.add(rec(i * 10L, level * Math.exp(0.3 * rnd.nextGaussian()), acc, layers.apply(i)));
        }
        return out;
    }

    @Test
    void minibatchNoiseAndSingleSpikesAreNoDiagnosis() {
        for (long seed = 0; seed < 20; seed++) {
            List<TrainingRecord> rs = new ArrayList<>(noisyHealthy(400, seed, i -> Map.of()));
            for (int k : new int[] {50, 51, 200, 390}) { // a few bad batches, 10 times the loss
                TrainingRecord r = rs.get(k);
                rs.set(k, rec(r.step(), 10 * r.loss(), r.trainAcc(), Map.of()));
            }
            assertEquals(List.of(), ids(TEN_CLASSES, List.of(), rs), "seed " + seed);
        }
    }

    @Test
    void logsOfAFewRecordsSayNothingButANaN() {
        assertEquals(List.of(), ids(TEN_CLASSES, List.of(), List.of(rec(100, 0.5, 0.8, Map.of()))));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), List.of(rec(100, 0.5, null, Map.of()),
                rec(200, 0.5, null, Map.of()))));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), List.of()));
        assertEquals(List.of("nan_or_inf"), ids(LogMeta.UNKNOWN, List.of(), List.of(rec(100, Double.NaN, null, Map.of()))));
    }

    @Test
    void aFlatLossIsLrTooLowOnlyOverEnoughSteps() {
        List<TrainingRecord> flat = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flat.add(rec(i * 10L, 2.302 - 1e-5 * i, null, Map.of()));
        }
        assertEquals(List.of("lr_too_low"), ids(TEN_CLASSES, List.of(), flat));
        assertEquals(List.of(), ids(TEN_CLASSES, List.of(), flat.subList(0, 8)), "70 steps are too few to judge");
        List<TrainingRecord> converged = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            converged.add(rec(1000 + i * 10L, 0.05, null, Map.of()));
        }
        assertEquals(List.of(), ids(TEN_CLASSES, List.of(), converged), "a finished run is no lr_too_low");
    }

    @Test
    void initialLossIsJudgedOnlyAtTheFirstUpdateWithKnownClasses() {
        List<TrainingRecord> rs = new ArrayList<>(noisyHealthy(100, 1, i -> Map.of()));
        rs.set(0, rec(0, 9.0, null, Map.of()));
        assertEquals(List.of("initial_loss_off"), ids(TEN_CLASSES, List.of(), rs));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), rs), "no ln C without num_classes");
        rs.set(0, rec(0, 2.31, null, Map.of()));
        assertEquals(List.of(), ids(TEN_CLASSES, List.of(), rs));
        List<TrainingRecord> late = new ArrayList<>(rs.subList(1, rs.size()));
        late.set(0, rec(10, 9.0, null, Map.of()));
        assertEquals(List.of(), ids(TEN_CLASSES, List.of(), late), "step 10 is after the first update");
        List<TrainingRecord> binary = new ArrayList<>(rs);
        binary.set(0, rec(1, 2.0, null, Map.of()));
        assertEquals(List.of("initial_loss_off"), ids(new LogMeta(null, "binary_cross_entropy", null, null, null),
                List.of(), binary), "ln 2 expected");
    }

    @Test
    void deadUnitsOfTinyBatchesAreChanceNotDyingRelu() {
        IntFunction<Map<String, Map<String, Double>>> half = i -> Map.of("fc1", Map.of("dead_fraction", 0.55));
        List<TrainingRecord> rs = noisyHealthy(100, 2, half);
        assertEquals(List.of(), ids(new LogMeta(10, null, 1, null, null), List.of("fc1"), rs));
        List<String> found = ids(new LogMeta(10, null, 64, null, null), List.of("fc1"), rs);
        assertEquals(List.of("dying_relu"), found);
    }

    @Test
    void layerDetectorsNeedTheirStatistics() {
        IntFunction<Map<String, Map<String, Double>>> actOnly = i -> {
            Map<String, Map<String, Double>> m = new LinkedHashMap<>();
            m.put("fc1", Map.of("act_mean", 0.0));
            m.put("fc2", Map.of("grad_norm", 1.0)); // one layer: no input-to-output ratio
            return m;
        };
        assertEquals(List.of(), ids(TEN_CLASSES, List.of("fc1", "fc2"), noisyHealthy(100, 3, actOnly)));
    }

    @Test
    void nonFiniteLayerNormIsReportedWithItsStepAndLayer() {
        List<TrainingRecord> rs = new ArrayList<>(noisyHealthy(60, 4, i -> Map.of("fc1", Map.of("grad_norm", 1.0),
                "fc2", Map.of("grad_norm", 1.0))));
        rs.set(30, rec(300, 0.5, null, Map.of("fc1", Map.of("grad_norm", 1.0),
                "fc2", Map.of("grad_norm", Double.POSITIVE_INFINITY))));
        List<Diagnosis> ds = TrainingDiagnostics.diagnose(new TrainingLog("m", TEN_CLASSES, List.of("fc1", "fc2"), rs));
        assertEquals("nan_or_inf", ds.get(0).id());
        assertEquals(300L, ds.get(0).step());
        assertEquals("fc2", ds.get(0).layer());
        assertTrue(ds.get(0).advice().contains("grad_norm/fc2"), ds.get(0).advice());
    }

    @Test
    void gradientRatiosAcrossDepth() {
        IntFunction<Map<String, Map<String, Double>>> vanish = i -> {
            Map<String, Map<String, Double>> m = new LinkedHashMap<>();
            m.put("fc1", Map.of("grad_norm", 1e-5));
            m.put("fc2", Map.of("grad_norm", 1e-2));
            m.put("fc3", Map.of("grad_norm", 1.0));
            return m;
        };
        List<Diagnosis> ds = TrainingDiagnostics.diagnose(new TrainingLog("m", TEN_CLASSES, List.of("fc1", "fc2", "fc3"),
                noisyHealthy(50, 5, vanish)));
        assertEquals(List.of("vanishing_gradients"), ds.stream().map(Diagnosis::id).toList());
        assertEquals("fc1", ds.get(0).layer());
        assertEquals(1e-5, ds.get(0).evidence().get("input_to_output_grad_ratio"), 1e-12);
        IntFunction<Map<String, Map<String, Double>>> healthy = i -> {
            Map<String, Map<String, Double>> m = new LinkedHashMap<>();
            m.put("fc1", Map.of("grad_norm", 0.3, "weight_norm", 10.0, "update_norm", 0.01));
            m.put("fc2", Map.of("grad_norm", 1.0, "weight_norm", 3.0, "update_norm", 0.003));
            return m;
        };
        assertEquals(List.of(), ids(TEN_CLASSES, List.of("fc1", "fc2"), noisyHealthy(50, 6, healthy)));
    }

    @Test
    void updateRatiosFarFromOneInAThousand() {
        IntFunction<Map<String, Map<String, Double>>> high = i -> Map.of("fc1",
                Map.of("weight_norm", 1.0, "update_norm", 0.5));
        assertEquals(List.of("update_ratio_high"), ids(TEN_CLASSES, List.of("fc1"), noisyHealthy(50, 7, high)));
        IntFunction<Map<String, Map<String, Double>>> low = i -> Map.of("fc1",
                Map.of("weight_norm", 1.0, "update_norm", 1e-7));
        assertEquals(List.of("update_ratio_low"), ids(TEN_CLASSES, List.of("fc1"), noisyHealthy(50, 8, low)));
    }

    @Test
    void aFirstLossFarBelowLnCIsAPretrainedStartNotABadInitialization() {
        Random rnd = new Random(3);
        List<TrainingRecord> rs = new ArrayList<>();
        rs.add(rec(0, 0.3, null, Map.of()));
        for (int i = 1; i < 100; i++) { // fine-tuning: 0.3 slowly down to 0.25, minibatch noise
            rs.add(rec(10L * i, (0.3 - 0.0005 * i) * Math.exp(0.3 * rnd.nextGaussian()), 0.9, Map.of()));
        }
        assertEquals(List.of(), ids(TEN_CLASSES, List.of(), rs), "0.3 is 0.13 ln 10: a fine-tuning run");
    }

    private static TrainingRecord epoch(int e, double loss, double valLoss, double acc, double valAcc) {
        return new TrainingRecord(e + 2, null, (double) e, loss, valLoss, acc, valAcc, null, Map.of());
    }

    @Test
    void aValidationLossThatTriplesAboveATrainingLossThatStaysHighIsDiverging() {
        // the epoch-level log of a run that blew up in its first epoch: the first training loss is
        // an average over the blow-up, so the training curve falls while the model gets worse
        List<TrainingRecord> blewUp = List.of(epoch(0, 197, 75, 0.48, 0.85), epoch(1, 65, 124, 0.9, 0.9),
                epoch(2, 95, 196, 0.92, 0.88), epoch(3, 131, 244, 0.94, 0.92));
        assertEquals(List.of("diverging"), ids(LogMeta.UNKNOWN, List.of(), blewUp));
        // memorizing: the training loss ends far below the best validation loss
        List<TrainingRecord> overfit = List.of(epoch(0, 1.0, 0.5, 0.7, 0.8), epoch(1, 0.3, 0.6, 0.9, 0.8),
                epoch(2, 0.05, 1.0, 0.99, 0.8), epoch(3, 0.01, 1.6, 1.0, 0.79));
        assertEquals(List.of("overfitting"), ids(LogMeta.UNKNOWN, List.of(), overfit));
        // an easy task: a validation loss near 0 that quadruples is still far below where the run started
        List<TrainingRecord> easy = List.of(epoch(0, 0.36, 0.005, 0.9, 1.0), epoch(1, 0.01, 0.003, 1.0, 1.0),
                epoch(2, 0.008, 0.006, 1.0, 1.0), epoch(3, 0.008, 0.012, 1.0, 1.0));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), easy));
    }

    @Test
    void aTrainValidationGapIsJudgedOnMoreThanTheLastMinibatch() {
        // Lightning logs one minibatch accuracy every 50 steps; with 4 examples a batch is often all right
        List<TrainingRecord> rs = new ArrayList<>();
        double[] acc = {0.25, 0.5, 0.25, 0.5, 0.75, 0.5, 0.75, 0.5, 0.75, 0.5, 0.75, 1.0};
        for (int i = 0; i < acc.length; i++) {
            double loss = 2.3 * Math.exp(-i / 4.0);
            rs.add(new TrainingRecord(0, 50L * i + 49, null, loss, i == acc.length - 1 ? 0.9 : null, acc[i],
                    i == acc.length - 1 ? 0.68 : null, null, Map.of()));
        }
        assertEquals(List.of(), ids(new LogMeta(10, null, 4, null, null), List.of(), rs));
        for (int i = 6; i < acc.length; i++) { // a model that does fit its training set: 1.0 for the last half
            TrainingRecord r = rs.get(i);
            rs.set(i, new TrainingRecord(0, r.step(), null, r.loss(), r.valLoss(), 1.0, r.valAcc(), null, Map.of()));
        }
        assertEquals(List.of("overfitting"), ids(new LogMeta(10, null, 4, null, null), List.of(), rs));
    }

    @Test
    void aFlatLossOfARunThatStartsTrainedIsNoLrTooLow() {
        // Keras rows of a fine-tuning run at learning rate 1e-4 (held-out healthy_finetune_low_lr)
        List<TrainingRecord> fineTune = List.of(epoch(0, 0.398, 0.517, 0.861, 0.812), epoch(1, 0.395, 0.513, 0.862, 0.81),
                epoch(2, 0.392, 0.510, 0.866, 0.813));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), fineTune), "0.86 is above halfway from chance");
        List<TrainingRecord> stuck = List.of(epoch(0, 2.302, 2.301, 0.11, 0.1), epoch(1, 2.301, 2.30, 0.11, 0.1),
                epoch(2, 2.30, 2.30, 0.12, 0.1));
        assertEquals(List.of("lr_too_low"), ids(LogMeta.UNKNOWN, List.of(), stuck));
    }

    @Test
    void aFewUnsmoothedMinibatchLossesWithinTheBandAreNoPlateau() {
        double[] stuck = {2.306, 2.311, 2.298, 2.308, 2.308, 1.897, 1.627, 1.394, 1.197, 0.841, 0.72, 0.64};
        double[] noisy = {0.291, 0.282, 0.312, 0.143, 0.177, 0.176, 0.129, 0.141, 0.222, 0.123, 0.177, 0.081};
        List<TrainingRecord> a = new ArrayList<>();
        List<TrainingRecord> b = new ArrayList<>();
        for (int i = 0; i < stuck.length; i++) {
            a.add(rec(50L * i + 49, stuck[i], null, Map.of()));
            b.add(rec(50L * i + 49, noisy[i], null, Map.of()));
        }
        assertEquals(List.of("plateau_at_start"), ids(LogMeta.UNKNOWN, List.of(), a));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), b), "minibatch noise of a learning network");
    }

    @Test
    void aLossBumpAfterWarmupOrARestartThatRecoversIsNoDivergence() {
        // fine-tuning from 0.3: warmup to a high learning rate bumps the loss to 1.0, then it recovers to 0.2
        List<TrainingRecord> bump = new ArrayList<>();
        List<TrainingRecord> blowUp = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double level = i < 40 ? 0.3 + 0.7 * i / 40.0 : 0.2 + 0.8 * Math.exp(-(i - 40) / 20.0);
            double lr = i < 40 ? 1e-3 * (i + 1) / 40 : 1e-3;
            bump.add(new TrainingRecord(0, 10L * i, null, level, null, null, null, lr, Map.of()));
            blowUp.add(new TrainingRecord(0, 10L * i, null, 0.3 + 0.7 * i / 40.0, null, null, null, lr, Map.of()));
        }
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), bump));
        assertEquals(List.of("diverging"), ids(LogMeta.UNKNOWN, List.of(), blowUp));
    }

    @Test
    void aFlatStartWhileTheLearningRateWarmsUpIsNoPlateau() {
        List<TrainingRecord> warm = new ArrayList<>();
        List<TrainingRecord> constant = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double level = i < 50 ? 2.3 : 0.3 + 2.0 * Math.exp(-(i - 50) / 20.0);
            warm.add(new TrainingRecord(0, 10L * i, null, level, null, null, null, i < 60 ? 0.1 * (i + 1) / 60 : 0.1,
                    Map.of()));
            constant.add(new TrainingRecord(0, 10L * i, null, level, null, null, null, 0.1, Map.of()));
        }
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(), warm), "a warmup of 60 of 200 records");
        assertEquals(List.of("plateau_at_start"), ids(LogMeta.UNKNOWN, List.of(), constant));
    }

    @Test
    void twoEpochRowsSayWhatTheyShow() {
        // an epoch-level log of two rows: a NaN, or a loss that grows by orders of magnitude, is
        // enough; a loss that falls from a high first average says nothing without num_classes
        assertEquals(List.of("nan_or_inf"), ids(LogMeta.UNKNOWN, List.of(),
                List.of(epoch(0, 2.1, 1.9, 0.3, 0.35), epoch(1, Double.NaN, Double.NaN, 0.1, 0.1))));
        assertEquals(List.of("diverging"), ids(LogMeta.UNKNOWN, List.of(),
                List.of(epoch(0, 2.1, 1.9, 0.3, 0.35), epoch(1, 480.0, 900.0, 0.1, 0.1))));
        assertEquals(List.of(), ids(LogMeta.UNKNOWN, List.of(),
                List.of(epoch(0, 71144.7, 2814.0, 0.2, 0.15), epoch(1, 4192.9, 2799.4, 0.14, 0.12))));
    }
}
