package org.nncheck.plot;

/**
 * One named series of a {@link Figure}: points (x[i], y[i]) for lines and scatters; for a
 * histogram, {@code x} holds the raw values and {@code y} is empty.
 */
public record Series(String name, double[] x, double[] y) {
}
