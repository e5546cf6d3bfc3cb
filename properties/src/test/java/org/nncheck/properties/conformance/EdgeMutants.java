package org.nncheck.properties.conformance;

import java.util.List;
import java.util.Map;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.properties.conformance.Mutants.Mutant;

/**
 * Wrong implementations that only edge inputs expose: a kink convention, tie-breaking,
 * formulas that overflow on large logits where the SPEC promises stability, and a wrong
 * convention at NaN and infinite inputs (SPEC-EXTENSIONS 21), parameter values and axes beyond
 * the entry's sample sets, and an empty input refused.
 */
final class EdgeMutants {
    private EdgeMutants() {
    }

    /** The reference of {@code id}, with forward and backward replaced where given. */
    interface Forward {
        Map<String, Tensor> apply(Component ref, Map<String, Tensor> in, Params p);
    }

    interface Backward {
        Map<String, Tensor> apply(Component ref, Map<String, Tensor> in, Map<String, Tensor> up, Params p);
    }

    static Component component(String id, Forward f, Backward b) {
        Component ref = Catalogue.get(id).orElseThrow().newReference();
        return new Component() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                return f == null ? ref.forward(in, p) : f.apply(ref, in, p);
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                return b == null ? ref.backward(in, up, p) : b.apply(ref, in, up, p);
            }

            @Override
            public Kinks kinks() {
                return ref.kinks();
            }
        };
    }

    /** dx at x = 0 replaced by {@code atZero * dy} (the SPEC: relu 0, leaky_relu alpha). */
    static Backward kinkGradient(double atZero) {
        return (ref, in, up, p) -> {
            Tensor x = in.get("x");
            Tensor dx = ref.backward(in, up, p).get("dx");
            double[] v = dx.toArray();
            for (int i = 0; i < v.length; i++) {
                if (x.get(i) == 0) {
                    v[i] = atZero * up.get("dy").get(i);
                }
            }
            return Map.of("dx", Tensor.wrap(dx.shape(), v));
        };
    }

    /** The backward of the inputs with ties broken towards the last maximum (a tiny increasing ramp). */
    static Backward lastMaximum() {
        return (ref, in, up, p) -> {
            Tensor x = in.get("x");
            double[] v = x.toArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 1e-9 * i;
            }
            Map<String, Tensor> shifted = new java.util.HashMap<>(in);
            shifted.put("x", Tensor.wrap(x.shape(), v));
            return ref.backward(shifted, up, p);
        };
    }

    /** BCE with logits as -(t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))): log(0) beyond |x| of about 37. */
    static Forward naiveBce() {
        return (ref, in, p) -> {
            Tensor x = in.get("logits");
            Tensor t = in.get("targets");
            double s = 0;
            for (int i = 0; i < x.size(); i++) {
                double sig = 1 / (1 + Math.exp(-x.get(i)));
                s -= t.get(i) * Math.log(sig) + (1 - t.get(i)) * Math.log(1 - sig);
            }
            return Map.of("loss", Tensor.scalar(p.getChoice("reduction").equals("sum") ? s : s / x.size()));
        };
    }

    /** dx where x is NaN replaced by {@code factor * dy} (the SPEC, after PyTorch: relu dy, leaky_relu alpha dy). */
    static Backward nanGradient(double factor) {
        return (ref, in, up, p) -> {
            Tensor x = in.get("x");
            Tensor dx = ref.backward(in, up, p).get("dx");
            double[] v = dx.toArray();
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(x.get(i))) {
                    v[i] = factor * up.get("dy").get(i);
                }
            }
            return Map.of("dx", Tensor.wrap(dx.shape(), v));
        };
    }

    /** y where x is -inf replaced by {@code x * Phi(x)} evaluated literally: -inf * 0 = NaN (the SPEC: the limit 0). */
    static Forward geluNanAtMinusInfinity() {
        return (ref, in, p) -> {
            Tensor x = in.get("x");
            Tensor y = ref.forward(in, p).get("y");
            double[] v = y.toArray();
            for (int i = 0; i < v.length; i++) {
                if (x.get(i) == Double.NEGATIVE_INFINITY) {
                    v[i] = Double.NaN;
                }
            }
            return Map.of("y", Tensor.wrap(y.shape(), v));
        };
    }

    /** elu with alpha clamped to at most 2 (the sample sets reach 2; the range edge tries 3). */
    static Forward eluClampsAlpha() {
        return (ref, in, p) -> p.getDouble("alpha") <= 2 ? ref.forward(in, p)
                : ref.forward(in, Catalogue.get("elu").orElseThrow().params(Map.of("alpha", 2.0)));
    }

    /** softmax over the last axis whenever the input has rank 4, whatever {@code axis} says. */
    static Forward softmaxLastAxisOnRank4() {
        return (ref, in, p) -> in.get("x").rank() == 4
                ? ref.forward(in, Catalogue.get("softmax").orElseThrow().params(Map.of("axis", -1))) : ref.forward(in, p);
    }

    /**
     * tanh that refuses a 0-element input, as a kernel launch over an empty global range may (the
     * OpenCL spec makes a 0 global work size an error before 2.1); PyTorch's tanh of an empty tensor is an empty tensor.
     */
    static Forward refusesEmpty() {
        return (ref, in, p) -> {
            if (in.get("x").size() == 0) {
                throw new IllegalArgumentException("global size must be positive");
            }
            return ref.forward(in, p);
        };
    }

    static List<Mutant> all() {
        return List.of(
                new Mutant("relu dx at 0 is dy (SPEC: 0)", "relu", Dtype.FLOAT64, component("relu", null, kinkGradient(1)), "edge: ties"),
                new Mutant("leaky_relu dx at 0 is dy (SPEC: alpha)", "leaky_relu", Dtype.FLOAT64,
                        component("leaky_relu", null, kinkGradient(1)), "edge: ties"),
                new Mutant("max_pool2d routes ties to the last maximum (SPEC: the first)", "max_pool2d", Dtype.FLOAT64,
                        component("max_pool2d", null, lastMaximum()), "edge: ties"),
                new Mutant("maxout routes ties to the last piece", "maxout", Dtype.FLOAT64, component("maxout", null, (ref, in, up, p) -> {
                    Tensor b = in.get("b");
                    double[] v = b.toArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] += 1e-9 * i;
                    }
                    Map<String, Tensor> shifted = new java.util.HashMap<>(in);
                    shifted.put("b", Tensor.wrap(b.shape(), v));
                    return ref.backward(shifted, up, p);
                }), "edge: ties"),
                new Mutant("softmax without subtracting the maximum", "softmax", Dtype.FLOAT64, component("softmax", (ref, in, p) -> new Textbook.Softmax(false).forward(in, p), null),
                        "edge: large logits"),
                new Mutant("relu dx at NaN is 0 (SPEC: dy, PyTorch's x <= 0 test)", "relu", Dtype.FLOAT64,
                        component("relu", null, nanGradient(0)), "edge: NaN and infinities"),
                new Mutant("elu dx at NaN is NaN (SPEC: dy, PyTorch's x <= 0 test)", "elu", Dtype.FLOAT64,
                        component("elu", null, nanGradient(Double.NaN)), "edge: NaN and infinities"),
                new Mutant("leaky_relu dx at NaN is dy (SPEC: alpha dy, PyTorch's x > 0 test)", "leaky_relu", Dtype.FLOAT64,
                        component("leaky_relu", null, nanGradient(1)), "edge: NaN and infinities"),
                new Mutant("gelu(-inf) is NaN (SPEC: the limit 0)", "gelu", Dtype.FLOAT64,
                        component("gelu", geluNanAtMinusInfinity(), null), "edge: NaN and infinities"),
                new Mutant("elu clamps alpha to at most 2", "elu", Dtype.FLOAT64, component("elu", eluClampsAlpha(), null),
                        "edge: parameter range"),
                new Mutant("softmax over the last axis on rank-4 inputs", "softmax", Dtype.FLOAT64,
                        component("softmax", softmaxLastAxisOnRank4(), null), "edge: parameter range"),
                new Mutant("tanh refuses an empty input (PyTorch: an empty result)", "tanh", Dtype.FLOAT64,
                        component("tanh", refusesEmpty(), null), "edge: empty and one-element tensors"),
                new Mutant("bce_with_logits through log(sigmoid)", "binary_cross_entropy_with_logits", Dtype.FLOAT64,
                        component("binary_cross_entropy_with_logits", naiveBce(), null), "edge: large logits"));
    }
}
