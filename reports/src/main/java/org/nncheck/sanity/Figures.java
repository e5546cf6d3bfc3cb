package org.nncheck.sanity;

import java.util.ArrayList;
import java.util.List;
import org.nncheck.plot.Figure;
import org.nncheck.plot.Series;

/** Builds the plot data of the sanity checks; non-finite points are left out of a series (a marker says where a run hit NaN). */
final class Figures {
    private Figures() {
    }

    /** A series of the finite points (x[i], y[i]). */
    static Series series(String name, double[] x, double[] y) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                keep.add(new double[] {x[i], y[i]});
            }
        }
        double[] kx = new double[keep.size()];
        double[] ky = new double[keep.size()];
        for (int i = 0; i < kx.length; i++) {
            kx[i] = keep.get(i)[0];
            ky[i] = keep.get(i)[1];
        }
        return new Series(name, kx, ky);
    }

    /** The loss before each step of a run. */
    static Series loss(String name, TrainingRun run) {
        double[] x = new double[run.losses().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return series(name, x, run.losses());
    }

    /** Accuracy at the evaluation steps of a run, on the validation set or the training set. */
    static Series accuracy(String name, TrainingRun run, boolean validation) {
        List<TrainingRun.EvalPoint> ev = run.evaluations();
        double[] x = new double[ev.size()];
        double[] y = new double[ev.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ev.get(i).step();
            Evaluation e = validation ? ev.get(i).validation() : ev.get(i).train();
            y[i] = e == null ? Double.NaN : e.accuracy();
        }
        return series(name, x, y);
    }

    static Figure line(String title, String xLabel, String yLabel, boolean logY, List<Series> series, List<Figure.Marker> markers) {
        return new Figure(title, Figure.Kind.LINE, xLabel, yLabel, false, logY, series, markers);
    }

    /** A marker at the step where a run stopped on a non-finite loss, if it did. */
    static List<Figure.Marker> nanMarker(TrainingRun run) {
        return run.nonFinite() ? List.of(new Figure.Marker(run.stepsRun() - 1, run.spec().name() + ": loss not finite"))
                : List.of();
    }
}
