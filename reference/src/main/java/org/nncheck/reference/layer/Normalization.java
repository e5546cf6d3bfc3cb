package org.nncheck.reference.layer;

import org.nncheck.numeric.CompensatedSum;

import java.util.function.IntUnaryOperator;

/**
 * The arithmetic shared by batch, layer, instance and group norm: every element {@code i} of
 * {@code x} belongs to one statistics group {@code group[i]} (a channel for batch norm, a
 * sample for layer norm, a (sample, channel) pair for instance norm, a (sample, channel
 * block) pair for group norm) and uses the affine parameters {@code gamma[affine[i]]},
 * {@code beta[affine[i]]}.
 *
 * <p>Statistics are computed in two passes with Neumaier-compensated sums: the mean, then the
 * deviations, with the corrected two-pass formula {@code M2 = sum d^2 - (sum d)^2 / M}
 * (Chan, Golub and LeVeque, "Algorithms for computing the sample variance", 1983), which stays
 * accurate when the mean is large compared to the spread.
 *
 * <p>Backward through the statistics (per group of M elements, {@code s} the normalizer,
 * {@code dxhat = dy * gamma}):
 * {@code dx = (dxhat - mean(dxhat) - xhat * k * mean(dxhat * xhat)) / s}, with
 * {@code k = 1} for the SPEC convention ({@code s = sqrt(var + eps)}, biased variance); for the
 * variants {@code k = (2 s ds/dvar) * M / denominator}.
 */
final class Normalization {
    private Normalization() {
    }

    /**
     * Which group and which affine parameter every element uses.
     *
     * @param groups number of statistics groups
     * @param group group of each element
     * @param affine affine index of each element
     * @param count elements per group
     */
    record Layout(int groups, int[] group, int[] affine, int[] count) {

        static Layout of(int size, int groups, IntUnaryOperator groupOf, IntUnaryOperator affineOf) {
            int[] g = new int[size];
            int[] a = new int[size];
            int[] count = new int[groups];
            for (int i = 0; i < size; i++) {
                g[i] = groupOf.applyAsInt(i);
                a[i] = affineOf.applyAsInt(i);
                count[g[i]]++;
            }
            return new Layout(groups, g, a, count);
        }
    }

    /**
     * Per-group statistics.
     *
     * @param mean group means
     * @param m2 sums of squared deviations from the mean
     * @param count elements per group
     */
    record Stats(double[] mean, double[] m2, int[] count) {

        /** {@code m2 / M}. */
        double biasedVariance(int g) {
            return m2[g] / count[g];
        }

        /** {@code m2 / (M - 1)} (NaN for a single element, which callers rule out). */
        double unbiasedVariance(int g) {
            return count[g] > 1 ? m2[g] / (count[g] - 1) : Double.NaN;
        }

        double variance(int g, NormConvention.Variance v) {
            return v == NormConvention.Variance.BIASED ? biasedVariance(g) : unbiasedVariance(g);
        }
    }

    /**
     * What the backward needs from the forward.
     *
     * @param xhat normalized values
     * @param scale the normalizer {@code s} of each group
     * @param variance the variance each group was normalized with
     */
    record Normalized(double[] xhat, double[] scale, double[] variance) {
    }

    /** The gradients. */
    record Gradients(double[] dx, double[] dgamma, double[] dbeta) {
    }

    /** Two-pass, compensated per-group statistics ({@link CompensatedSum}). */
    static Stats statistics(double[] x, Layout layout) {
        int gs = layout.groups();
        CompensatedSum[] sum = CompensatedSum.array(gs);
        for (int i = 0; i < x.length; i++) {
            sum[layout.group()[i]].add(x[i]);
        }
        double[] mean = new double[gs];
        for (int g = 0; g < gs; g++) {
            mean[g] = sum[g].value() / layout.count()[g];
        }
        CompensatedSum[] sd = CompensatedSum.array(gs);
        CompensatedSum[] sq = CompensatedSum.array(gs);
        for (int i = 0; i < x.length; i++) {
            int g = layout.group()[i];
            double d = x[i] - mean[g];
            sd[g].add(d);
            sq[g].add(d * d);
        }
        double[] m2 = new double[gs];
        for (int g = 0; g < gs; g++) {
            int m = layout.count()[g];
            double s = sd[g].value();
            m2[g] = Math.max(0.0, sq[g].value() - s * s / m);
            mean[g] += s / m;
        }
        return new Stats(mean, m2, layout.count().clone());
    }

    /** The normalizer {@code s} for a variance. */
    static double scale(double variance, double eps, NormConvention.Eps placement) {
        return placement == NormConvention.Eps.INSIDE_SQRT ? Math.sqrt(variance + eps) : Math.sqrt(variance) + eps;
    }

    /** {@code xhat = (x - mean[g]) / s(variance[g])}. */
    static Normalized normalize(double[] x, Layout layout, double[] mean, double[] variance, double eps, NormConvention.Eps placement) {
        double[] scale = new double[layout.groups()];
        for (int g = 0; g < scale.length; g++) {
            scale[g] = scale(variance[g], eps, placement);
        }
        double[] xhat = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int g = layout.group()[i];
            xhat[i] = (x[i] - mean[g]) / scale[g];
        }
        return new Normalized(xhat, scale, variance.clone());
    }

    /** {@code y = gamma[a] * xhat + beta[a]}. */
    static double[] affine(Normalized st, Layout layout, double[] gamma, double[] beta) {
        double[] y = new double[st.xhat().length];
        for (int i = 0; i < y.length; i++) {
            int a = layout.affine()[i];
            y[i] = gamma[a] * st.xhat()[i] + beta[a];
        }
        return y;
    }

    /**
     * The backward.
     *
     * @param dy upstream gradient
     * @param st the forward state
     * @param layout groups and affine indices
     * @param gamma scale parameters
     * @param convention variance estimator and eps placement used in the forward, and whether
     *     the statistics depend on x ({@code false} for batch norm in eval mode, or the
     *     no-statistics-gradient variant)
     * @param batchStatistics whether the forward normalized with statistics of this x
     */
    static Gradients backward(double[] dy, Normalized st, Layout layout, double[] gamma, int affineSize, NormConvention convention,
            boolean batchStatistics) {
        int n = dy.length;
        double[] dgamma = new double[affineSize];
        double[] dbeta = new double[affineSize];
        double[] dxhat = new double[n];
        for (int i = 0; i < n; i++) {
            int a = layout.affine()[i];
            dgamma[a] += dy[i] * st.xhat()[i];
            dbeta[a] += dy[i];
            dxhat[i] = dy[i] * gamma[a];
        }
        double[] dx = new double[n];
        if (!batchStatistics || !convention.statisticsGradient()) {
            for (int i = 0; i < n; i++) {
                dx[i] = dxhat[i] / st.scale()[layout.group()[i]];
            }
            return new Gradients(dx, dgamma, dbeta);
        }
        int gs = layout.groups();
        double[] sumD = new double[gs];
        double[] sumDX = new double[gs];
        for (int i = 0; i < n; i++) {
            int g = layout.group()[i];
            sumD[g] += dxhat[i];
            sumDX[g] += dxhat[i] * st.xhat()[i];
        }
        double[] k = new double[gs];
        for (int g = 0; g < gs; g++) {
            int m = layout.count()[g];
            double epsFactor = convention.eps() == NormConvention.Eps.INSIDE_SQRT ? 1.0
                    : (st.variance()[g] > 0 ? st.scale()[g] / Math.sqrt(st.variance()[g]) : 0.0);
            double varFactor = convention.variance() == NormConvention.Variance.BIASED ? 1.0 : (double) m / (m - 1);
            k[g] = epsFactor * varFactor;
        }
        for (int i = 0; i < n; i++) {
            int g = layout.group()[i];
            int m = layout.count()[g];
            dx[i] = (dxhat[i] - sumD[g] / m - st.xhat()[i] * k[g] * (sumDX[g] / m)) / st.scale()[g];
        }
        return new Gradients(dx, dgamma, dbeta);
    }
}
