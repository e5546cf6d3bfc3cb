package org.nncheck.reference.layer;

import org.nncheck.core.Params;

/**
 * {@code avg_pool2d}: {@code y[n,c,i,j] = (1/K) sum x[n,c,r,q]} over the input elements of
 * window (i, j) (padding adds zeros); shapes and the output-size rule as {@link Pool2d}. The
 * divisor K follows PyTorch ({@code AvgPoolKernel.cpp}; SPEC v1.1): with
 * {@code count_include_pad} it is the number of the window's elements inside the input and the
 * padding ({@code PH*PW}, except for a window that {@code ceil_mode} lets reach past the padded
 * input, which counts only its part inside), without it the number inside the input. (ONNX's
 * {@code AveragePool} has the same rule but {@code count_include_pad = 0} by default; Keras
 * excludes the padding.) Without padding and ceil_mode this equals a {@code conv2d} of each
 * channel with the constant kernel {@code 1/(PH*PW)} (proved in the property tests).
 *
 * <p>Backward: {@code dx[n,c,r,q] += dy[n,c,i,j] / K} for each input element (r, q) of window
 * (i, j); overlapping windows add. Linear, so smooth.
 */
public final class AvgPool2d extends Pool2d {
    static final String ID = "avg_pool2d";

    @Override
    public String id() {
        return ID;
    }

    private static int divisor(Geometry g, int i, int j, Params params) {
        return params.getBool("count_include_pad") ? g.paddedArea(i, j) : g.inputArea(i, j);
    }

    @Override
    double[] pool(Geometry g, double[] x, Params params) {
        double[] y = new double[g.n() * g.c() * g.ho() * g.wo()];
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    double s = 0;
                    for (int r = g.rowLo(i); r < g.rowHi(i); r++) {
                        for (int q = g.colLo(j); q < g.colHi(j); q++) {
                            s += x[g.xIndex(plane, r, q)];
                        }
                    }
                    y[(plane * g.ho() + i) * g.wo() + j] = s / divisor(g, i, j, params);
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
                    double d = dy[(plane * g.ho() + i) * g.wo() + j] / divisor(g, i, j, params);
                    for (int r = g.rowLo(i); r < g.rowHi(i); r++) {
                        for (int q = g.colLo(j); q < g.colHi(j); q++) {
                            dx[g.xIndex(plane, r, q)] += d;
                        }
                    }
                }
            }
        }
        return dx;
    }
}
