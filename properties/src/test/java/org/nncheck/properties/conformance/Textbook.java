package org.nncheck.properties.conformance;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Independent straightforward implementations, written from the textbook formulas (CS231n
 * notes; the SPEC's formulas) without the reference's numerical care: correct code as a typical
 * library writes it, which the kit must accept.
 */
final class Textbook {
    private Textbook() {
    }

    static Tensor need(Map<String, Tensor> in, String name) {
        Tensor t = in.get(name);
        if (t == null) {
            throw new ContractException("missing input '" + name + "'");
        }
        return t;
    }

    /** y = 1 / (1 + exp(-x)); dx = dy y (1 - y). */
    static final class Sigmoid implements Component {
        @Override
        public String id() {
            return "sigmoid";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            return Map.of("y", need(in, "x").map(v -> 1 / (1 + Math.exp(-v))));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = need(in, "x");
            Tensor dy = need(up, "dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double y = 1 / (1 + Math.exp(-x.get(i)));
                dx[i] = dy.get(i) * y * (1 - y);
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }
    }

    /** y = tanh x; dx = dy (1 - y^2). */
    static final class Tanh implements Component {
        @Override
        public String id() {
            return "tanh";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            return Map.of("y", need(in, "x").map(Math::tanh));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = need(in, "x");
            Tensor dy = need(up, "dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double y = Math.tanh(x.get(i));
                dx[i] = dy.get(i) * (1 - y * y);
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }
    }

    /** Softmax over {@code axis} with the max subtracted (or, wrongly, without); dx = y (dy - sum(dy y)). */
    static final class Softmax implements Component {
        private final boolean subtractMax;

        Softmax() {
            this(true);
        }

        /** {@code subtractMax = false}: exp(x) / sum exp(x), which overflows beyond x = 709.8. */
        Softmax(boolean subtractMax) {
            this.subtractMax = subtractMax;
        }

        @Override
        public String id() {
            return "softmax";
        }

        private static int[] view(Tensor x, Params p) {
            int[] s = x.shape();
            if (s.length == 0) {
                return new int[] {1, 1, 1};
            }
            int axis = x.normalizeAxis(p.getInt("axis"));
            int outer = 1;
            for (int i = 0; i < axis; i++) {
                outer *= s[i];
            }
            int inner = 1;
            for (int i = axis + 1; i < s.length; i++) {
                inner *= s[i];
            }
            return new int[] {outer, s[axis], inner};
        }

        private double[] softmax(Tensor x, int[] v) {
            double[] y = new double[x.size()];
            for (int o = 0; o < v[0]; o++) {
                for (int q = 0; q < v[2]; q++) {
                    int base = o * v[1] * v[2] + q;
                    double m = subtractMax ? Double.NEGATIVE_INFINITY : 0;
                    for (int j = 0; subtractMax && j < v[1]; j++) {
                        m = Math.max(m, x.get(base + j * v[2]));
                    }
                    double sum = 0;
                    for (int j = 0; j < v[1]; j++) {
                        sum += Math.exp(x.get(base + j * v[2]) - m);
                    }
                    for (int j = 0; j < v[1]; j++) {
                        y[base + j * v[2]] = Math.exp(x.get(base + j * v[2]) - m) / sum;
                    }
                }
            }
            return y;
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor x = need(in, "x");
            return Map.of("y", Tensor.wrap(x.shape(), softmax(x, view(x, p))));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = need(in, "x");
            Tensor dy = need(up, "dy");
            int[] v = view(x, p);
            double[] y = softmax(x, v);
            double[] dx = new double[y.length];
            for (int o = 0; o < v[0]; o++) {
                for (int q = 0; q < v[2]; q++) {
                    int base = o * v[1] * v[2] + q;
                    double dot = 0;
                    for (int j = 0; j < v[1]; j++) {
                        dot += dy.get(base + j * v[2]) * y[base + j * v[2]];
                    }
                    for (int j = 0; j < v[1]; j++) {
                        int i = base + j * v[2];
                        dx[i] = y[i] * (dy.get(i) - dot);
                    }
                }
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }
    }

    /** loss = mean or sum of (pred - target)^2; dpred = 2 (pred - target) / n (mean). */
    static final class Mse implements Component {
        @Override
        public String id() {
            return "mse";
        }

        private static double n(Tensor pred, Params p) {
            return p.getChoice("reduction").equals("sum") ? 1 : pred.size();
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor pred = need(in, "pred");
            Tensor target = need(in, "target");
            double s = 0;
            for (int i = 0; i < pred.size(); i++) {
                double d = pred.get(i) - target.get(i);
                s += d * d;
            }
            return Map.of("loss", Tensor.scalar(s / n(pred, p)));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor pred = need(in, "pred");
            Tensor target = need(in, "target");
            double g = need(up, "dloss").get(0) / n(pred, p);
            double[] dp = new double[pred.size()];
            double[] dt = new double[pred.size()];
            for (int i = 0; i < dp.length; i++) {
                dp[i] = 2 * (pred.get(i) - target.get(i)) * g;
                dt[i] = -dp[i];
            }
            return Map.of("dpred", Tensor.wrap(pred.shape(), dp), "dtarget", Tensor.wrap(target.shape(), dt));
        }
    }

    /** loss = lambda sum w^2 (the SPEC's form, no 1/2); dw = 2 lambda w. */
    static final class L2 implements Component {
        @Override
        public String id() {
            return "l2";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Tensor w = need(in, "w");
            double s = 0;
            for (int i = 0; i < w.size(); i++) {
                s += w.get(i) * w.get(i);
            }
            return Map.of("loss", Tensor.scalar(p.getDouble("lambda") * s));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            double l = 2 * p.getDouble("lambda") * need(up, "dloss").get(0);
            return Map.of("dw", need(in, "w").map(v -> l * v));
        }

        @Override
        public Kinks kinks() {
            return Kinks.NONE;
        }
    }
}
