package org.nncheck.reference.layer;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntUnaryOperator;
import org.nncheck.catalogue.FormulaScale;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The forward-error scale of a normalization's {@code dx} in training ({@link FormulaScale}):
 * {@code dx_j = rstd (dxhat_j - mean(dxhat) - xhat_j mean(dxhat xhat))} adds terms of size
 * {@code rstd (|dxhat_j| + |mean(dxhat)| + |xhat_j| |mean(dxhat xhat)|)}; with two values per
 * group, e.g., dx is O(eps/var) while each term is O(1). The four normalizations differ only in
 * which elements share statistics ({@link Groups}).
 */
final class NormErrorScale implements FormulaScale {

    /**
     * Which elements of x share statistics.
     *
     * @param count number of groups
     * @param length elements per group
     * @param group the group of flat element i
     * @param gamma the index into gamma of flat element i
     */
    record Groups(int count, int length, IntUnaryOperator group, IntUnaryOperator gamma) {
    }

    private final BiFunction<int[], Params, Groups> groups;
    private final boolean trainingParam;

    private NormErrorScale(BiFunction<int[], Params, Groups> groups, boolean trainingParam) {
        this.groups = groups;
        this.trainingParam = trainingParam;
    }

    private static int channels(int[] s) {
        return s.length > 1 ? s[1] : 1;
    }

    private static int spatial(int[] s) {
        int hw = 1;
        for (int i = 2; i < s.length; i++) {
            hw *= s[i];
        }
        return hw;
    }

    private static int size(int[] s) {
        return Tensor.sizeOf(s);
    }

    /** batch_norm: per channel over N and the spatial axes; none at test time. */
    static NormErrorScale batch() {
        return new NormErrorScale((s, p) -> {
            int c = channels(s);
            int h = spatial(s);
            IntUnaryOperator g = i -> (i / h) % c;
            return new Groups(c, size(s) / c, g, g);
        }, true);
    }

    /** layer_norm: per sample over the last {@code normalized_dims} axes (default all but axis 0). */
    static NormErrorScale layer() {
        return new NormErrorScale((s, p) -> {
            int d = p.has("normalized_dims") ? p.getInt("normalized_dims") : s.length - 1;
            int l = 1;
            for (int i = s.length - d; i < s.length; i++) {
                l *= s[i];
            }
            int len = l;
            return new Groups(size(s) / len, len, i -> i / len, i -> i % len);
        }, false);
    }

    /** instance_norm: per sample and channel over the spatial axes. */
    static NormErrorScale instance() {
        return new NormErrorScale((s, p) -> {
            int c = channels(s);
            int h = spatial(s);
            return new Groups(size(s) / h, h, i -> i / h, i -> (i / h) % c);
        }, false);
    }

    /** group_norm: per sample and block of consecutive channels. */
    static NormErrorScale group() {
        return new NormErrorScale((s, p) -> {
            int c = channels(s);
            int h = spatial(s);
            int len = (c / p.getInt("groups")) * h;
            return new Groups(size(s) / len, len, i -> i / len, i -> (i / h) % c);
        }, false);
    }

    @Override
    public double[] terms(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params p) {
        Tensor x = inputs.get("x");
        Tensor dy = upstream.get("dy");
        Tensor gamma = inputs.get("gamma");
        if (x == null || dy == null || gamma == null || (trainingParam && !p.getBool("training"))) {
            return null;
        }
        int n = x.size();
        Groups g = groups.apply(x.shape(), p);
        double eps = p.getDouble("eps");
        double[] mean = new double[g.count()];
        double[] var = new double[g.count()];
        for (int i = 0; i < n; i++) {
            mean[g.group().applyAsInt(i)] += x.get(i) / g.length();
        }
        for (int i = 0; i < n; i++) {
            double d = x.get(i) - mean[g.group().applyAsInt(i)];
            var[g.group().applyAsInt(i)] += d * d / g.length();
        }
        double[] mdx = new double[g.count()];
        double[] mdxx = new double[g.count()];
        double[] xhat = new double[n];
        double[] dxhat = new double[n];
        for (int i = 0; i < n; i++) {
            int sg = g.group().applyAsInt(i);
            xhat[i] = (x.get(i) - mean[sg]) / Math.sqrt(var[sg] + eps);
            dxhat[i] = dy.get(i) * gamma.get(g.gamma().applyAsInt(i));
            mdx[sg] += dxhat[i] / g.length();
            mdxx[sg] += dxhat[i] * xhat[i] / g.length();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int sg = g.group().applyAsInt(i);
            out[i] = (Math.abs(dxhat[i]) + Math.abs(mdx[sg]) + Math.abs(xhat[i]) * Math.abs(mdxx[sg])) / Math.sqrt(var[sg] + eps);
        }
        return out;
    }
}
