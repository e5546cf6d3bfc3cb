package com.example.tinynn;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** A tiny library of three components, written against nncheck's contract. */
public final class TinyNn {
    private TinyNn() {
    }

    /**
     * relu: y = max(x, 0), NaN kept; dx = 0 where x &lt;= 0 (at 0 too), else dy, so a NaN input
     * passes dy (PyTorch's threshold_backward; nncheck's docs/SPEC-EXTENSIONS.md item 21).
     */
    public static final class Relu implements Component {
        @Override
        public String id() {
            return "relu";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            return Map.of("y", Inputs.require(id(), in, "x").map(v -> v > 0 || Double.isNaN(v) ? v : 0.0));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = Inputs.require(id(), in, "x");
            Tensor dy = Inputs.require(id(), up, "dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                dx[i] = x.get(i) <= 0 ? 0 : dy.get(i);
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }

        @Override
        public Kinks kinks() {
            return Kinks.atPoints("x", 0);
        }
    }

    /** sigmoid: y = 1 / (1 + exp(-x)); dx = dy y (1 - y). */
    public static final class Sigmoid implements Component {
        @Override
        public String id() {
            return "sigmoid";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            return Map.of("y", Inputs.require(id(), in, "x").map(v -> 1 / (1 + Math.exp(-v))));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Tensor x = Inputs.require(id(), in, "x");
            Tensor dy = Inputs.require(id(), up, "dy");
            double[] dx = new double[x.size()];
            for (int i = 0; i < dx.length; i++) {
                double y = 1 / (1 + Math.exp(-x.get(i)));
                dx[i] = dy.get(i) * y * (1 - y);
            }
            return Map.of("dx", Tensor.wrap(x.shape(), dx));
        }
    }

    /**
     * brightness without clamping: y = factor * x. This library does not clamp to [0, 1]; the
     * SPEC does (torchvision), so the library declares the catalogue's alternative "no clamping to
     * [0, 1]" and is checked against it.
     */
    public static final class Brightness implements Component {
        @Override
        public String id() {
            return "brightness";
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            double f = p.getDouble("factor");
            return Map.of("y", Inputs.require(id(), in, "x").map(v -> f * v));
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            throw new UnsupportedOperationException("brightness has no gradient");
        }
    }
}
