package org.nncheck.properties.layer;

import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Helpers shared by the layer property tests (not a test class itself). */
final class LayerProps {
    private LayerProps() {
    }

    /** The catalogue entry of a layer id. */
    static Entry entry(String id) {
        return Catalogue.get(id).orElseThrow();
    }

    static Params params(String id, Map<String, ?> raw) {
        return entry(id).params(raw);
    }

    /** Values whose channel (axis 1) c is N(mu_c, sd_c^2) with mu_c up to +-1000 and sd_c in [0.1, 10]. */
    static Tensor channelData(SplittableRandom rnd, int... shape) {
        int c = shape[1];
        double[] mu = new double[c];
        double[] sd = new double[c];
        for (int i = 0; i < c; i++) {
            mu[i] = (rnd.nextDouble() * 2 - 1) * Math.pow(10, 3 * rnd.nextDouble());
            sd[i] = 0.1 * Math.pow(100, rnd.nextDouble());
        }
        int inner = 1;
        for (int a = 2; a < shape.length; a++) {
            inner *= shape[a];
        }
        double[] x = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < x.length; i++) {
            int ch = (i / inner) % c;
            x[i] = mu[ch] + sd[ch] * Samples.gaussian(rnd);
        }
        return Tensor.wrap(shape, x);
    }

    /** {@code <a, b>} over the flat values. */
    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.get(i) * b.get(i);
        }
        return s;
    }

    /** {@code sum |a_i b_i|}, the scale of the rounding error of {@link #dot}. */
    static double absDot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += Math.abs(a.get(i) * b.get(i));
        }
        return s;
    }

    /** Largest element-wise absolute difference. */
    static double maxDiff(Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.get(i) - b.get(i)));
        }
        return m;
    }

    /** Largest absolute value. */
    static double maxAbs(Tensor a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.get(i)));
        }
        return m;
    }

    /** 0/1 mask, 1 with probability keep. */
    static Tensor mask(SplittableRandom rnd, double keep, int... shape) {
        double[] m = new double[Tensor.sizeOf(shape)];
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextDouble() < keep ? 1 : 0;
        }
        return Tensor.wrap(shape, m);
    }
}
