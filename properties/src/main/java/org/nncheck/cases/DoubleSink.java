package org.nncheck.cases;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the values of one tensor as they are parsed. When the element count is known in
 * advance (a {@code shape} written before its {@code data}) the values go straight into the
 * final array; otherwise into chunks that grow geometrically (so a tiny tensor allocates
 * little), copied once into an exact array at the end: at most twice the tensor's size is held
 * at any time.
 */
final class DoubleSink {
    /** Java arrays hold at most about this many elements. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int MAX_CHUNK = 1 << 20;

    private final double[] exact;
    private final List<double[]> chunks = new ArrayList<>();
    private double[] current;
    private int used;
    private long size;
    private boolean allIntegral = true;

    private DoubleSink(double[] exact) {
        this.exact = exact;
        this.current = exact != null ? exact : new double[16];
    }

    /** A sink whose final size is probably {@code expected} (-1 when unknown). */
    static DoubleSink expecting(long expected) {
        return new DoubleSink(expected >= 0 && expected <= MAX_ELEMENTS ? new double[(int) expected] : null);
    }

    /** Adds a value; false when the tensor would exceed what a Java array holds. */
    boolean add(double v, boolean integral) {
        if (size >= MAX_ELEMENTS) {
            return false;
        }
        if (used == current.length) {
            chunks.add(current);
            current = new double[(int) Math.min(MAX_CHUNK, Math.max(16, size))];
            used = 0;
        }
        current[used++] = v;
        size++;
        allIntegral &= integral;
        return true;
    }

    long size() {
        return size;
    }

    /** Whether every value was written as a JSON integer (false for no values). */
    boolean allIntegral() {
        return allIntegral && size > 0;
    }

    /** The values in an array of exactly {@link #size()} elements. */
    double[] toArray() {
        if (exact != null && size == exact.length && chunks.isEmpty()) {
            return exact;
        }
        double[] out = new double[(int) size];
        int at = 0;
        for (double[] c : chunks) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        System.arraycopy(current, 0, out, at, used);
        return out;
    }
}
