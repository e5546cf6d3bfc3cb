package org.nncheck.reference.layer;

/**
 * {@code avg_pool2d}: {@code y[n,c,i,j] = (1/(ph*pw)) sum_{a<ph, e<pw} x[n,c,i*S+a,j*S+e]};
 * shapes and the output-size rule as {@link Pool2d} (no padding, so PyTorch's
 * {@code count_include_pad} question does not arise). It equals a {@code conv2d} of each
 * channel with the constant kernel {@code 1/(ph*pw)} (proved in the property tests).
 *
 * <p>Backward: {@code dx[n,c,i*S+a,j*S+e] += dy[n,c,i,j] / (ph*pw)}; overlapping windows add.
 * Linear, so smooth.
 */
public final class AvgPool2d extends Pool2d {
    static final String ID = "avg_pool2d";

    @Override
    public String id() {
        return ID;
    }

    @Override
    double[] pool(Geometry g, double[] x) {
        double[] y = new double[g.n() * g.c() * g.ho() * g.wo()];
        double area = (double) g.ph() * g.pw();
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    double s = 0;
                    for (int a = 0; a < g.ph(); a++) {
                        for (int e = 0; e < g.pw(); e++) {
                            s += x[g.xIndex(plane, i * g.stride() + a, j * g.stride() + e)];
                        }
                    }
                    y[(plane * g.ho() + i) * g.wo() + j] = s / area;
                }
            }
        }
        return y;
    }

    @Override
    double[] unpool(Geometry g, double[] x, double[] dy) {
        double[] dx = new double[x.length];
        double area = (double) g.ph() * g.pw();
        for (int plane = 0; plane < g.n() * g.c(); plane++) {
            for (int i = 0; i < g.ho(); i++) {
                for (int j = 0; j < g.wo(); j++) {
                    double d = dy[(plane * g.ho() + i) * g.wo() + j] / area;
                    for (int a = 0; a < g.ph(); a++) {
                        for (int e = 0; e < g.pw(); e++) {
                            dx[g.xIndex(plane, i * g.stride() + a, j * g.stride() + e)] += d;
                        }
                    }
                }
            }
        }
        return dx;
    }
}
