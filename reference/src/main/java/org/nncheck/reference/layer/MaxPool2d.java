package org.nncheck.reference.layer;

import org.nncheck.core.Kinks;

/**
 * {@code max_pool2d}: {@code y[n,c,i,j] = max_{0<=a<ph, 0<=e<pw} x[n,c,i*S+a,j*S+e]}; shapes and
 * the output-size rule as {@link Pool2d}.
 *
 * <p>Backward: each {@code dy[n,c,i,j]} goes entirely to the FIRST maximum of its window in
 * row-major order (smallest a, then smallest e), and contributions of overlapping windows add
 * up. This is the SPEC rule; PyTorch's CPU kernel also keeps the first maximum it meets
 * (it replaces only on a strictly greater value). Ties are kinks: there the function has no
 * gradient and the rule picks one subgradient, so the kinks are declared
 * {@link Kinks#dataDependent data dependent}.
 *
 * <p>NaN: a NaN in a window makes the window's output NaN and receives its gradient (as
 * PyTorch, which treats NaN as the maximum).
 */
public final class MaxPool2d extends Pool2d {
    static final String ID = "max_pool2d";

    @Override
    public String id() {
        return ID;
    }


    /** Flat index into x of the first maximum of window (plane, i, j). */
    private static int argmax(Geometry g, double[] x, int plane, int i, int j) {
        int best = g.xIndex(plane, i * g.stride(), j * g.stride());
        for (int a = 0; a < g.ph(); a++) {
            for (int e = 0; e < g.pw(); e++) {
                int k = g.xIndex(plane, i * g.stride() + a, j * g.stride() + e);
                double v = x[k];
                if (v > x[best] || (Double.isNaN(v) && !Double.isNaN(x[best]))) {
                    best = k;
                }
            }
        }
        return best;
    }

    @Override
    double[] pool(Geometry g, double[] x) {
        double[] y = new double[g.n() * g.c() * g.ho() * g.wo()];
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    y[(plane * g.ho() + i) * g.wo() + j] = x[argmax(g, x, plane, i, j)];
                }
            }
        }
        return y;
    }

    @Override
    double[] unpool(Geometry g, double[] x, double[] dy) {
        double[] dx = new double[x.length];
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    dx[argmax(g, x, plane, i, j)] += dy[(plane * g.ho() + i) * g.wo() + j];
                }
            }
        }
        return dx;
    }
}
