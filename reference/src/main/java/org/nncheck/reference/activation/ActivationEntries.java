package org.nncheck.reference.activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Dependence;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.catalogue.Trait;
import org.nncheck.core.Kinks;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Tensor;

/**
 * Catalogue entries of the activations (SPEC.md section 1): sigmoid, tanh, relu, leaky_relu,
 * prelu, elu, selu, gelu, softmax, log_softmax, maxout.
 *
 * <p>Sample inputs vary rank (1 to 4) and dimensions (1 up to 2 + 2 size) with the size hint;
 * components with element-wise kinks draw values at least 1e-2 away from them, and every
 * parameter option is covered by {@code sampleParams}.
 */
public final class ActivationEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ActivationEntries() {
    }

    private static final double[] ZERO = {0.0};
    private static final Kinks AT_ZERO = Kinks.atPoints("x", 0.0);
    private static final double MARGIN = 1e-2;

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        return List.of(sigmoid(), tanh(), relu(), leakyRelu(), prelu(), elu(), selu(), gelu(), softmax(), logSoftmax(),
                maxout());
    }

    private static Entry sigmoid() {
        return elementwise(Sigmoid.ID, "1/(1+e^-x), split by sign").reference(Sigmoid::new)
                .samples((rnd, p, size) -> Map.of("x", Samples.normal(rnd, 0, 4, shape(rnd, size))))
                .alternative(Alternative.ofComponent("sigmoid backward s*(1+s) (sign slip, known mistake)",
                        "dx = dy * s * (1 + s) instead of dy * s * (1 - s)", ActivationVariants.sigmoidOnePlusBackward()))
                .alternative(Alternative.ofComponent("sigmoid backward x*(1-x) from the input (known mistake)",
                        "dx = dy * x * (1 - x): the derivative formula in terms of the output applied to the input",
                        ActivationVariants.sigmoidBackwardFromInput()))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.sigmoid())
                .build();
    }

    private static Entry tanh() {
        return elementwise(Tanh.ID, "tanh x; dx = dy (1 - y^2)").reference(Tanh::new)
                .samples((rnd, p, size) -> Map.of("x", Samples.normal(rnd, 0, 2, shape(rnd, size))))
                .alternative(Alternative.ofComponent("tanh backward 1-x^2 from the input (known mistake)",
                        "dx = dy * (1 - x^2) instead of dy * (1 - tanh(x)^2)", ActivationVariants.tanhBackwardFromInput()))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.tanh())
                .build();
    }

    private static Entry relu() {
        return elementwise(Relu.ID, "max(0, x); dx = 0 at x = 0").reference(Relu::new).kinks(AT_ZERO)
                .samples((rnd, p, size) -> Map.of("x", Samples.awayFrom(rnd, 2, MARGIN, ZERO, shape(rnd, size))))
                .alternative(Alternative.ofComponent("relu subgradient 1 at x = 0",
                        "dx = dy where x >= 0 (PyTorch, TensorFlow and CS231n use 0 at x = 0); differs only at exact zeros",
                        ActivationVariants.reluOneAtZero()))
                .alternative(Alternative.ofComponent("relu backward without the mask (known mistake)",
                        "dx = dy everywhere: the gradient also passes where x < 0", ActivationVariants.reluNoMask()))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.relu())
                .build();
    }

    private static Entry leakyRelu() {
        return elementwise(LeakyRelu.ID, "x if x > 0 else alpha x; dx = alpha dy at x = 0").reference(LeakyRelu::new).kinks(AT_ZERO)
                .params(ParamSpec.real("alpha", 0.01, "slope for x <= 0 (PyTorch negative_slope)"))
                .samples((rnd, p, size) -> Map.of("x", Samples.awayFrom(rnd, 2, MARGIN, ZERO, shape(rnd, size))))
                .sampleParams(Map.of())
                .sampleParams(Map.of("alpha", 0.1))
                .sampleParams(Map.of("alpha", 0.3))
                .sampleParams(Map.of("alpha", 0.0))
                .sampleParams(Map.of("alpha", -0.2))
                .alternative(leakyAlpha(0.01, "PyTorch's and the SPEC's default"))
                .alternative(leakyAlpha(0.1, "the CS231n lecture notes"))
                .alternative(leakyAlpha(0.3, "Keras' LeakyReLU default"))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.leakyRelu())
                .build();
    }

    private static Alternative leakyAlpha(double alpha, String source) {
        return Alternative.ofParams("leaky_relu alpha = " + alpha + " (" + source + ")",
                "the case was probably made with alpha = " + alpha + " (" + source + "); pass alpha explicitly",
                p -> p.with(Map.of("alpha", alpha)));
    }

    private static Entry prelu() {
        return Entry.builder(Prelu.ID, Family.ACTIVATION)
                .summary("x if x > 0 else alpha_c x; alpha (1) shared or (C) on axis 1; dalpha summed")
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("alpha")).outputs("y").traits(Trait.PER_SAMPLE)
                .reference(Prelu::new).kinks(AT_ZERO)
                .samples(ActivationEntries::preluSample)
                .alternative(Alternative.ofComponent("prelu dalpha averaged over the batch (known mistake)",
                        "dalpha divided by N = x.shape[0] instead of summed over every position (PyTorch sums)",
                        new Prelu.BatchMeanAlphaGrad()))
                .dependence((p, in) -> Dependence.elementWise("x", "y").with("alpha", "y", Dependence.same(0, 1)).named("element-wise; alpha per channel"))
                .build();
    }

    /** x of rank 1..4 away from 0; alpha shared (size hint 0, or by coin) or per channel (size 1, or by coin). */
    private static Map<String, Tensor> preluSample(SplittableRandom rnd, org.nncheck.core.Params p, int size) {
        boolean shared = size == 0 || (size != 1 && rnd.nextBoolean());
        int[] shape;
        if (shared) {
            shape = shape(rnd, size);
        } else {
            shape = shapeOfRank(rnd, size, 2 + rnd.nextInt(3));
        }
        Tensor x = Samples.awayFrom(rnd, 2, MARGIN, ZERO, shape);
        Tensor alpha = Samples.uniform(rnd, -0.3, 0.6, shared ? 1 : shape[1]);
        return Map.of("x", x, "alpha", alpha);
    }

    private static Entry elu() {
        return elementwise(Elu.ID, "x if x > 0 else alpha expm1(x); dx = alpha dy at x = 0").reference(Elu::new).kinks(Elu.alphaKinks())
                .params(ParamSpec.real("alpha", 1.0, "scale of the negative part"))
                .samples((rnd, p, size) -> Map.of("x", Samples.awayFrom(rnd, 2, MARGIN, ZERO, shape(rnd, size))))
                .sampleParams(Map.of())
                .sampleParams(Map.of("alpha", 0.5))
                .sampleParams(Map.of("alpha", 2.0))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.elu())
                .build();
    }

    private static Entry selu() {
        return elementwise(Selu.ID, "lambda elu(x, alpha), lambda = 1.0507009873554805, alpha = 1.6732632423543772")
                .reference(Selu::new).kinks(AT_ZERO)
                .samples((rnd, p, size) -> Map.of("x", Samples.awayFrom(rnd, 2, MARGIN, ZERO, shape(rnd, size))))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.selu())
                .build();
    }

    private static Entry gelu() {
        return elementwise(Gelu.ID, "x Phi(x) (approximate none) or 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))")
                .reference(Gelu::new)
                .params(ParamSpec.choice("approximate", "none", List.of("none", "tanh"),
                        "\"none\": exact x Phi(x); \"tanh\": PyTorch's tanh approximation"))
                .samples((rnd, p, size) -> Map.of("x", Samples.normal(rnd, 0, 3, shape(rnd, size))))
                .sampleParams(Map.of("approximate", "none"))
                .sampleParams(Map.of("approximate", "tanh"))
                .alternative(Alternative.ofParams("gelu with the tanh approximation",
                        "approximate = \"tanh\": 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3))) instead of exact x Phi(x)",
                        p -> p.with(Map.of("approximate", "tanh"))))
                .alternative(Alternative.ofParams("gelu exact (approximate = none)",
                        "exact x Phi(x) instead of the tanh approximation", p -> p.with(Map.of("approximate", "none"))))
                .alternative(Alternative.ofComponent("gelu sigmoid approximation x sigmoid(1.702 x)",
                        "Hendrycks and Gimpel 2016, section 2", ActivationVariants.geluSigmoidApprox()))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .oracle(ActivationOracles.gelu())
                .build();
    }

    private static Entry softmax() {
        return axisEntry(Softmax.ID, "exp(x - max) / sum along axis").reference(Softmax::new)
                .formulaScale("dx", new SoftmaxErrorScale(false))
                .alternative(Alternative.ofComponent("softmax backward without the outer-product term (known mistake)",
                        "dx = y * dy, the diagonal of the Jacobian only (missing - y * sum(dy * y))",
                        new Softmax.NoOuterProductBackward()))
                .alternative(Alternative.ofComponent("softmax without max subtraction (known mistake)",
                        "exp(x) / sum exp(x): overflows to NaN for entries above ~709", new Softmax.WithoutMaxSubtraction()))
                .dependence((p, in) -> Dependence.described("independent along every axis but the softmax axis").with("x", "y", Dependence.allAxesBut(in.get("x").rank(), p.getInt("axis"))))
                .oracle(ActivationOracles.softmax())
                .build();
    }

    private static Entry logSoftmax() {
        return axisEntry(LogSoftmax.ID, "x - max - log1p(sum of the others' exp(x - max)) along axis")
                .reference(LogSoftmax::new).formulaScale("dx", new SoftmaxErrorScale(true))
                .alternative(Alternative.ofComponent("log_softmax as log(exp(x)/sum exp(x)) (known mistake)",
                        "log of a softmax computed without max subtraction: -inf or NaN where the stable form is finite",
                        new LogSoftmax.NaiveLogOfSoftmax()))
                .dependence((p, in) -> Dependence.described("independent along every axis but the softmax axis").with("x", "y", Dependence.allAxesBut(in.get("x").rank(), p.getInt("axis"))))
                .oracle(ActivationOracles.logSoftmax())
                .build();
    }

    private static Entry.Builder axisEntry(String id, String summary) {
        return Entry.builder(id, Family.ACTIVATION).summary(summary).inputs(TensorSpec.diff("x")).outputs("y")
                .params(ParamSpec.integer("axis", -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
                        "axis of the distribution; negative counts from the end"))
                .samples((rnd, p, size) -> {
                    long axis = p.getLong("axis");
                    int need = (int) (axis < 0 ? -axis : axis + 1);
                    int rank = Math.max(need, size == 0 ? 1 : 1 + rnd.nextInt(3));
                    if (size >= 2) {
                        rank = Math.max(need, 3);
                    }
                    return Map.of("x", Samples.normal(rnd, 0, 3, shapeOfRank(rnd, size, rank)));
                })
                .sampleParams(Map.of())
                .sampleParams(Map.of("axis", 0))
                .sampleParams(Map.of("axis", 1))
                .sampleParams(Map.of("axis", -1))
                .sampleParams(Map.of("axis", -2));
    }

    private static Entry maxout() {
        return Entry.builder(Maxout.ID, Family.ACTIVATION).summary("y(N,M) = max_k (x w_k + b_k); gradient to the first winner")
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("w"), TensorSpec.diff("b")).outputs("y").traits(Trait.PER_SAMPLE)
                .reference(Maxout::new).kinks(Kinks.dataDependent("where two pieces x w_k + b_k tie for the maximum"))
                .samples(ActivationEntries::maxoutSample)
                .dependence((p, in) -> Dependence.perSample("x", "y").with("w", "y", Dependence.same(2, 1)).with("b", "y", Dependence.same(1, 1)).named("per sample; w and b per output column"))
                .build();
    }

    /**
     * x (N, D), w (K, D, M), b (K, M) with every output's best piece ahead of the second by at
     * least 1e-2 (redrawn up to 100 times), so finite differences do not cross a tie.
     */
    private static Map<String, Tensor> maxoutSample(SplittableRandom rnd, org.nncheck.core.Params p, int size) {
        int hi = 2 + 2 * size;
        int n = Samples.dim(rnd, 1, hi);
        int d = Samples.dim(rnd, 1, hi);
        int k = Samples.dim(rnd, size == 0 ? 1 : 2, 1 + hi / 2);
        int m = Samples.dim(rnd, 1, hi);
        Map<String, Tensor> best = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            Tensor x = Samples.normal(rnd, 0, 1, n, d);
            Tensor w = Samples.normal(rnd, 0, 1, k, d, m);
            Tensor b = Samples.normal(rnd, 0, 1, k, m);
            best = Map.of("x", x, "w", w, "b", b);
            if (minGap(x, w, b, n, d, k, m) >= MARGIN) {
                break;
            }
        }
        return best;
    }

    private static double minGap(Tensor x, Tensor w, Tensor b, int n, int d, int k, int m) {
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double first = Double.NEGATIVE_INFINITY;
                double second = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < k; q++) {
                    double z = b.get(q * m + j);
                    for (int e = 0; e < d; e++) {
                        z += x.get(i * d + e) * w.get((q * d + e) * m + j);
                    }
                    if (z > first) {
                        second = first;
                        first = z;
                    } else if (z > second) {
                        second = z;
                    }
                }
                gap = Math.min(gap, first - second);
            }
        }
        return gap;
    }

    /** An element-wise activation: input x, output y of the same shape, {@link Trait#ELEMENTWISE}. */
    private static Entry.Builder elementwise(String id, String summary) {
        return Entry.builder(id, Family.ACTIVATION).summary(summary).inputs(TensorSpec.diff("x")).outputs("y")
                .traits(Trait.ELEMENTWISE, Trait.PER_SAMPLE);
    }

    /** A random shape of rank 1 to 4 (rank 2 at size 0) whose dimensions grow with the size hint. */
    static int[] shape(SplittableRandom rnd, int size) {
        int rank = size == 0 ? 2 : 1 + rnd.nextInt(4);
        return shapeOfRank(rnd, size, rank);
    }

    /** A random shape of the given rank, dimensions 1 to {@code 2 + 2 size} (odd sizes and 1 included). */
    static int[] shapeOfRank(SplittableRandom rnd, int size, int rank) {
        int hi = 2 + 2 * size + (rank <= 2 ? size : 0);
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            dims.add(Samples.dim(rnd, 1, hi));
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
