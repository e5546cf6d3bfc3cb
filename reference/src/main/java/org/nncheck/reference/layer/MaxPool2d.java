package org.nncheck.reference.layer;

import org.nncheck.core.Kinks;
import org.nncheck.core.Params;

/**
 * {@code max_pool2d}: {@code y[n,c,i,j]} is the maximum of {@code x[n,c,r,q]} over the input
 * elements of window (i, j) (rows {@code i*S - P + a}, columns {@code j*S - P + e},
 * {@code 0 <= a < PH}, {@code 0 <= e < PW}, clipped to the input); shapes and the output-size
 * rule as {@link Pool2d}. Padding never wins: it takes no part in the maximum (PyTorch pads
 * with -infinity; ONNX's reference pads with NaN and ignores it). Every window holds at least
 * one input element because {@code pad < window} is required.
 *
 * <p>Backward: each {@code dy[n,c,i,j]} goes entirely to the FIRST maximum of its window in
 * row-major order (smallest row, then smallest column), and contributions of overlapping
 * windows add up. This is the SPEC rule; PyTorch's CPU kernel also keeps the first maximum it
 * meets (it replaces only on a strictly greater value). Ties are kinks: there the function has
 * no gradient and the rule picks one subgradient, so the kinks are declared
 * {@link Kinks#dataDependent data dependent}.
 *
 * <p>NaN: a NaN in a window makes the window's output NaN and receives its gradient (as
 * PyTorch, which treats NaN as the maximum).
 *
 * <p>A known mistake is kept as a variant ({@link #zeroPadding()}): padding x with zeros before
 * pooling, so that 0 wins a window cut by the padding whose input values are all negative.
 */
public final class MaxPool2d extends Pool2d {
    static final String ID = "max_pool2d";

    /** Marks a window whose maximum is a padding zero (the zero-padding variant only). */
    private static final int PADDING = -1;

    private final boolean zeroPadding;

    /** The SPEC's max pooling. */
    public MaxPool2d() {
        this(false);
    }

    private MaxPool2d(boolean zeroPadding) {
        this.zeroPadding = zeroPadding;
    }

    /** The mistake of padding with zeros (the padding wins over negative inputs); no gradient flows to it. */
    static MaxPool2d zeroPadding() {
        return new MaxPool2d(true);
    }

    @Override
    public String id() {
        return ID;
    }


    /** Flat index into x of the first maximum of window (plane, i, j), or PADDING. */
    private int argmax(Geometry g, double[] x, int plane, int i, int j) {
        int best = g.xIndex(plane, g.rowLo(i), g.colLo(j));
        for (int r = g.rowLo(i); r < g.rowHi(i); r++) {
            for (int q = g.colLo(j); q < g.colHi(j); q++) {
                int k = g.xIndex(plane, r, q);
                double v = x[k];
                if (v > x[best] || (Double.isNaN(v) && !Double.isNaN(x[best]))) {
                    best = k;
                }
            }
        }
        boolean cut = g.inputArea(i, j) < g.paddedArea(i, j);
        return zeroPadding && cut && x[best] < 0 ? PADDING : best;
    }

    @Override
    double[] pool(Geometry g, double[] x, Params params) {
        double[] y = new double[g.n() * g.c() * g.ho() * g.wo()];
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    int k = argmax(g, x, plane, i, j);
                    y[(plane * g.ho() + i) * g.wo() + j] = k == PADDING ? 0 : x[k];
                }
            }
        }
        return y;
    }

    @Override
    double[] unpool(Geometry g, double[] x, double[] dy, Params params) {
        double[] dx = new double[x.length];
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    int k = argmax(g, x, plane, i, j);
                    if (k != PADDING) {
                        dx[k] += dy[(plane * g.ho() + i) * g.wo() + j];
                    }
                }
            }
        }
        return dx;
    }
}
