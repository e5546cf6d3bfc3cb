package org.nncheck.plot;

import java.util.List;

/**
 * The data of one plot, independent of how it is drawn (the report renders it with XChart).
 *
 * @param title the title
 * @param kind line chart, scatter or histogram
 * @param xLabel x axis label
 * @param yLabel y axis label
 * @param logX logarithmic x axis
 * @param logY logarithmic y axis
 * @param series the series
 * @param markers vertical markers (e.g. the step where a diagnosis shows), x positions with labels
 */
public record Figure(String title, Kind kind, String xLabel, String yLabel, boolean logX, boolean logY,
                     List<Series> series, List<Marker> markers) {

    /** How the series are drawn. */
    public enum Kind { LINE, SCATTER, HISTOGRAM }

    /** A labelled vertical marker at x. */
    public record Marker(double x, String label) {
    }

    public Figure {
        series = List.copyOf(series);
        markers = List.copyOf(markers);
    }
}
