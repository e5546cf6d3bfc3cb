package org.nncheck.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link Figure} as a PNG with XChart (headless): lines, scatters, or histograms (all
 * series binned on common edges, drawn as overlapping step areas), with the figure's vertical
 * markers as labelled lines. Points that a logarithmic axis cannot show (non-positive) and
 * non-finite points are left out, and the title says how many.
 */
public final class FigureRenderer {

    /** Bins of a histogram (Freedman-Diaconis would vary by series; one common grid keeps them comparable). */
    public static final int HISTOGRAM_BINS = 40;
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private FigureRenderer() {
    }

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The figure as PNG bytes. */
    public static byte[] png(Figure f) {
        try {
            return BitmapEncoder.getBitmapBytes(chart(f), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The XChart chart of a figure (exposed for tests). */
    static XYChart chart(Figure f) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(f.title()).xAxisTitle(f.xLabel()).yAxisTitle(
                f.kind() == Figure.Kind.HISTOGRAM && f.yLabel() == null ? "count" : f.yLabel()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(f.logX());
        chart.getStyler().setYAxisLogarithmic(f.logY());
        int dropped = 0;
        double[] yRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        if (f.kind() == Figure.Kind.HISTOGRAM) {
            dropped = histograms(chart, f, yRange);
        } else {
            for (Series s : f.series()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < Math.min(s.x().length, s.y().length); i++) {
                    double x = s.x()[i];
                    double y = s.y()[i];
                    if (!Double.isFinite(x) || !Double.isFinite(y) || (f.logX() && x <= 0) || (f.logY() && y <= 0)) {
                        dropped++;
                        continue;
                    }
                    xs.add(x);
                    ys.add(y);
                    yRange[0] = Math.min(yRange[0], y);
                    yRange[1] = Math.max(yRange[1], y);
                }
                if (xs.isEmpty()) {
                    continue;
                }
                XYSeries xy = chart.addSeries(s.name(), xs, ys);
                if (f.kind() == Figure.Kind.SCATTER) {
                    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                } else {
                    xy.setMarker(SeriesMarkers.NONE);
                }
            }
        }
        if (chart.getSeriesCollection().isEmpty()) {
            chart.addSeries("no finite data", new double[] {0}, new double[] {f.logY() ? 1 : 0}).setMarker(SeriesMarkers.NONE);
            yRange[0] = yRange[1] = f.logY() ? 1 : 0;
        }
        if (dropped > 0) {
            chart.setTitle(f.title() + " (" + dropped + " non-finite or non-positive-on-log points not drawn)");
        }
        double yTop = yRange[1];
        int n = 0;
        for (Figure.Marker m : f.markers()) {
            if (!Double.isFinite(m.x()) || (f.logX() && m.x() <= 0)) {
                continue;
            }
            chart.addAnnotation(new AnnotationLine(m.x(), true, false));
            // labels stacked downwards so that markers at nearby steps stay readable
            double y = Double.isFinite(yTop) ? yTop - (n % 4) * 0.07 * Math.max(yRange[1] - yRange[0], Math.abs(yTop) * 1e-9 + 1e-12) : 0;
            chart.addAnnotation(new AnnotationText(m.label(), m.x(), y, false));
            n++;
        }
        chart.getStyler().setAnnotationLineColor(new Color(200, 0, 0));
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(2f));
        chart.getStyler().setAnnotationTextFontColor(new Color(160, 0, 0));
        return chart;
    }

    private static int histograms(XYChart chart, Figure f, double[] yRange) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int dropped = 0;
        for (Series s : f.series()) {
            for (double v : s.x()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                } else {
                    dropped++;
                }
            }
        }
        if (!(lo <= hi)) {
            return dropped;
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        for (Series s : f.series()) {
            List<Double> vals = new ArrayList<>();
            for (double v : s.x()) {
                if (Double.isFinite(v)) {
                    vals.add(v);
                }
            }
            if (vals.isEmpty()) {
                continue;
            }
            Histogram h = new Histogram(vals, HISTOGRAM_BINS, lo, hi);
            XYSeries xy = chart.addSeries(s.name(), h.getxAxisData(), h.getyAxisData());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            xy.setMarker(SeriesMarkers.NONE);
            for (double y : h.getyAxisData()) {
                yRange[0] = Math.min(yRange[0], y);
                yRange[1] = Math.max(yRange[1], y);
            }
        }
        return dropped;
    }
}
