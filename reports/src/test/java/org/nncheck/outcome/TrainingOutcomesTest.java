package org.nncheck.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.nncheck.plot.Figure;
import org.nncheck.plot.Series;
import org.nncheck.sanity.SanityCheckResult;
import org.nncheck.training.Diagnosis;
import org.nncheck.training.LogMeta;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingRecord;

/** Training logs and sanity checks as outcomes, with their figures as PNG attachments. */
class TrainingOutcomesTest {

    /** A log whose loss stalls from step 5 on, with one layer's gradient norm. */
    static TrainingLog log() {
        List<TrainingRecord> rs = new ArrayList<>();
        for (long s = 0; s < 10; s++) {
            double loss = s < 5 ? 2.3 - 0.2 * s : 1.3;
            rs.add(new TrainingRecord(s + 2, s, null, loss, s % 2 == 0 ? loss + 0.1 : null, null, null, 0.1,
                    Map.of("fc1", Map.of("grad_norm", Math.pow(10, -s)))));
        }
        return new TrainingLog("runs/train.csv", new LogMeta(10, null, null, null, null), List.of("fc1"), rs);
    }

    @Test
    void eachDiagnosisIsAFailedTrainingProblemWithTheCurvesMarked() throws Exception {
        Diagnosis plateau = new Diagnosis("plateau_at_start", 5L, null, Map.of("loss_drop", 0.0), "raise the learning rate");
        Diagnosis vanishing = new Diagnosis("vanishing_gradients", 7L, "fc1", Map.of("grad_norm", 1e-7), "check the initialization");
        List<Outcome> os = TrainingLogOutcomes.of(log(), List.of(plateau, vanishing), 0, 12);
        assertEquals(2, os.size());
        Outcome o = os.get(1);
        assertEquals("vanishing_gradients at step 7 in fc1", o.name());
        assertEquals(Outcome.Status.FAILED, o.status());
        assertEquals(Category.TRAINING_PROBLEM, o.category());
        assertEquals("train.csv", o.suite());
        assertEquals("1.00000e-07", o.parameters().get("grad_norm"));
        assertTrue(o.message().endsWith("check the initialization"), o.message());
        // loss (with validation), learning rate, gradient norm; no accuracy was logged
        assertEquals(List.of("Loss (train.csv)", "Learning rate (train.csv)", "Gradient norm by layer (train.csv)"),
                o.attachments().stream().map(Attachment::name).toList());
        assertEquals("image/png", o.attachments().get(0).mimeType());
        assertEquals(800, ImageIO.read(new ByteArrayInputStream(o.attachments().get(0).content())).getWidth());
        List<Figure> figures = TrainingLogOutcomes.figures(log(), List.of(plateau, vanishing));
        assertEquals(List.of(new Figure.Marker(5, "plateau_at_start (step 5)"), new Figure.Marker(7, "vanishing_gradients (step 7)")), figures.get(0).markers());
        Series val = figures.get(0).series().get(1);
        assertEquals("validation loss", val.name());
        assertEquals(5, val.x().length, "only the records that logged it");
        assertTrue(figures.get(2).logY());
    }

    @Test
    void aHealthyLogIsOnePassedOutcome() {
        List<Outcome> os = TrainingLogOutcomes.of(log(), List.of(), 0, 1);
        assertEquals(1, os.size());
        assertEquals(Outcome.Status.PASSED, os.get(0).status());
        assertEquals(3, os.get(0).attachments().size());
    }

    @Test
    void sanityChecksCarryTheirNumbersAndFigures() {
        Figure curve = new Figure("loss by normalization", Figure.Kind.LINE, "step", "loss", false, false,
                List.of(new Series("batch norm", new double[] {0, 1, 2}, new double[] {2.3, 1.1, 0.6})), List.of());
        SanityCheckResult ok = new SanityCheckResult("initial_loss", "initial loss is ln 10", true, Map.of("loss", 2.302, "expected", Math.log(10)),
                "initial loss 2.302 vs ln 10 = 2.303\nwithin 0.05", List.of(curve), Duration.ofMillis(1500));
        SanityCheckResult bad = new SanityCheckResult("overfit_tiny", "overfits 20 examples", false, Map.of("final_loss", 1.9),
                "final loss 1.9 after 200 steps", List.of(), Duration.ofMillis(300));
        List<Outcome> os = SanityOutcomes.of(List.of(ok, bad), "Fashion-MNIST", 1000);
        assertEquals("initial loss is ln 10 [initial_loss]", os.get(0).name());
        assertEquals(Outcome.Status.PASSED, os.get(0).status());
        assertEquals("initial loss 2.302 vs ln 10 = 2.303", os.get(0).message());
        assertEquals("2.302", os.get(0).parameters().get("loss"));
        assertEquals(1, os.get(0).attachments().size());
        assertEquals(1500, os.get(0).durationMillis());
        assertEquals(2500, os.get(1).startMillis());
        assertEquals(Category.TRAINING_PROBLEM, os.get(1).category());
    }
}
