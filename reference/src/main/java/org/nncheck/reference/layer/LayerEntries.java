package org.nncheck.reference.layer;

import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Dependence;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Kinks;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.catalogue.Trait;
import org.nncheck.core.ParamSpec;

/** Catalogue entries of the layers (SPEC.md section 1, "Layers"). */
public final class LayerEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public LayerEntries() {
    }

    /** Gradient-check tolerance of the normalization layers (statistics terms, double). */
    static final double NORM_GRADCHECK_TOLERANCE = 1e-5;

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        return List.of(affine(), conv2d(), pool(MaxPool2d.ID), pool(AvgPool2d.ID), batchNorm(), layerNorm(), instanceNorm(),
                groupNorm(), dropout(), dropconnect());
    }

    private static Entry affine() {
        return Entry.builder(Affine.ID, Family.LAYER).traits(Trait.PER_SAMPLE)
                .summary("y = x w + b with x (N, D...) flattened to (N, D); dx in x's shape")
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("w"), TensorSpec.diff("b"))
                .outputs("y")
                .reference(Affine::new)
                .samples(LayerSamples::affine)
                .dependence((p, in) -> Dependence.perSample("x", "y").with("w", "y", Dependence.same(1, 1)).with("b", "y", Dependence.same(0, 1)).named("per sample; w and b per output column").affineIn("x", "w", "b"))
                .build();
    }

    private static Entry conv2d() {
        return Entry.builder(Conv2d.ID, Family.LAYER).traits(Trait.PER_SAMPLE)
                .summary("cross-correlation with zero padding, dilation and channel groups: y[n,f,i,j] = b[f]"
                        + " + sum w[f,c',a,e] xpad[n,g(f)C/G+c',iS+aD,jS+eD]; H' = floor((H+2P-D(HH-1)-1)/S)+1")
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("w"), TensorSpec.diff("b"))
                .outputs("y")
                .params(ParamSpec.integer("stride", 1, 1, Integer.MAX_VALUE, "step between filter positions, both axes"),
                        ParamSpec.integer("pad", 0, 0, Integer.MAX_VALUE, "zeros added on each side of both spatial axes"),
                        ParamSpec.integer("dilation", 1, 1, Integer.MAX_VALUE, "spacing of the filter taps, both axes"),
                        ParamSpec.integer("groups", 1, 1, Integer.MAX_VALUE,
                                "channel groups; C and F divisible by it, w is (F, C/groups, HH, WW); groups = C is depthwise"))
                .reference(Conv2d::new)
                .formulaScale("y", MultilinearErrorScale.output(Conv2d::new, "y"))
                .formulaScale("dx", MultilinearErrorScale.gradient(Conv2d::new, "dx"))
                .formulaScale("dw", MultilinearErrorScale.gradient(Conv2d::new, "dw"))
                .formulaScale("db", MultilinearErrorScale.gradient(Conv2d::new, "db"))
                .samples(LayerSamples::conv2d)
                .sampleParams(Map.of())
                .sampleParams(Map.of("stride", 1, "pad", 1))
                .sampleParams(Map.of("stride", 2, "pad", 1))
                .sampleParams(Map.of("stride", 2, "pad", 0))
                .sampleParams(Map.of("stride", 3, "pad", 2))
                .sampleParams(Map.of("dilation", 2, "pad", 2))
                .sampleParams(Map.of("dilation", 3, "stride", 2))
                .sampleParams(Map.of("groups", 2, "pad", 1))
                .sampleParams(Map.of("groups", 3, "stride", 2, "pad", 1, "dilation", 2))
                .alternative(Alternative.ofComponent("flipped kernel (true convolution)",
                        "the kernel is flipped on both spatial axes (scipy.signal.convolve2d); deep-learning frameworks"
                                + " (PyTorch, CS231n) use cross-correlation",
                        new Conv2dFlippedKernel()))
                .dependence((p, in) -> Dependence.described("per sample, within the filter window; w and b per filter").with("x", "y", Dependence.concat(new Dependence.Link[] {Dependence.same(0, 0)}, Dependence.spatialWindows(in.get("w").dim(2), in.get("w").dim(3), p.getInt("stride"), p.getInt("pad"), p.getInt("dilation")))).with("w", "y", Dependence.same(0, 1)).with("b", "y", Dependence.same(0, 1)).affineIn("x", "w", "b"))
                .build();
    }

    private static Entry pool(String id) {
        boolean max = id.equals(MaxPool2d.ID);
        List<ParamSpec> params = new java.util.ArrayList<>(List.of(
                ParamSpec.integer("pool_height", 2, 1, Integer.MAX_VALUE, "window height"),
                ParamSpec.integer("pool_width", 2, 1, Integer.MAX_VALUE, "window width"),
                ParamSpec.integer("stride", 2, 1, Integer.MAX_VALUE, "step between windows, both axes"),
                ParamSpec.integer("pad", 0, 0, Integer.MAX_VALUE, max
                        ? "padding on each side of both spatial axes, never the maximum; smaller than the window"
                        : "zero padding on each side of both spatial axes; smaller than the window"),
                ParamSpec.bool("ceil_mode", false, "round the output size up (PyTorch's rule: the last window starts inside"
                        + " the input or the left padding)")));
        if (!max) {
            params.add(ParamSpec.bool("count_include_pad", true, "divide by the window's elements inside input and padding"
                    + " (true, PyTorch's default) or inside the input only (false, ONNX's default)"));
        }
        Entry.Builder b = Entry.builder(id, Family.LAYER).traits(Trait.PER_SAMPLE)
                .summary(max ? "max over the input elements of each window (padding never wins); dx to the first maximum in"
                        + " row-major order" : "mean over each window (divisor per count_include_pad); dx spread evenly")
                .inputs(TensorSpec.diff("x"))
                .outputs("y")
                .params(params.toArray(ParamSpec[]::new))
                .reference(max ? MaxPool2d::new : AvgPool2d::new)
                .kinks(max ? Kinks.dataDependent("ties between the largest values of a pooling window") : Kinks.NONE)
                .samples(LayerSamples::pool)
                .sampleParams(Map.of())
                .sampleParams(Map.of("pool_height", 3, "pool_width", 3, "stride", 1))
                .sampleParams(Map.of("pool_height", 3, "pool_width", 2, "stride", 1))
                .sampleParams(Map.of("pool_height", 3, "pool_width", 2, "stride", 2))
                .sampleParams(Map.of("pool_height", 1, "pool_width", 1, "stride", 1))
                .sampleParams(Map.of("pool_height", 3, "pool_width", 3, "stride", 2, "pad", 1))
                .sampleParams(Map.of("pool_height", 3, "pool_width", 3, "stride", 2, "ceil_mode", true))
                .sampleParams(Map.of("pool_height", 3, "pool_width", 2, "stride", 2, "pad", 1, "ceil_mode", true))
                .sampleParams(Map.of("pool_height", 2, "pool_width", 3, "stride", 3, "pad", 1, "ceil_mode", true))
                .alternative(Alternative.ofParams("ceil_mode and floor swapped",
                        "the output size was rounded the other way (ceil_mode where the case says floor, or floor where it"
                                + " says ceil_mode)", p -> p.with(Map.of("ceil_mode", !p.getBool("ceil_mode")))))
                .dependence((p, in) -> Dependence.described("per (sample, channel), within the pooling window").with("x", "y", Dependence.concat(new Dependence.Link[] {Dependence.same(0, 0), Dependence.same(1, 1)}, Dependence.spatialWindows(p.getInt("pool_height"), p.getInt("pool_width"), p.getInt("stride"), p.getInt("pad")))));
        if (max) {
            b.alternative(Alternative.ofComponent("padding with zeros",
                    "x was padded with zeros before pooling, so 0 won windows of negative values cut by the padding; PyTorch"
                            + " and ONNX ignore the padding (it never wins)", MaxPool2d.zeroPadding()));
        } else {
            b.sampleParams(Map.of("pool_height", 3, "pool_width", 3, "stride", 2, "pad", 1, "count_include_pad", false))
                    .sampleParams(Map.of("pool_height", 3, "pool_width", 2, "stride", 2, "pad", 1, "ceil_mode", true,
                            "count_include_pad", false))
                    .alternative(Alternative.ofParams("count_include_pad the other way",
                            "the divisor counted the padding where the case says count_include_pad = false, or not where it"
                                    + " says true; PyTorch counts it by default, ONNX's AveragePool and Keras do not",
                            p -> p.with(Map.of("count_include_pad", !p.getBool("count_include_pad")))));
        }
        return b.build();
    }

    private static Entry batchNorm() {
        return Entry.builder(BatchNorm.ID, Family.LAYER)
                .summary("gamma (x - mean) / sqrt(var + eps) + beta per channel; batch statistics (biased variance) in"
                        + " training, running statistics in eval; momentum weighs the new statistic")
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("gamma"), TensorSpec.diff("beta"),
                        TensorSpec.data("running_mean").asOptional(), TensorSpec.data("running_var").asOptional())
                .outputs("y", "running_mean", "running_var")
                .params(ParamSpec.positive("eps", 1e-5, "added to the variance inside the square root"),
                        ParamSpec.real("momentum", 0.1, 0, 1, "weight of the NEW batch statistic in the running update (PyTorch)"),
                        ParamSpec.bool("training", true, "batch statistics and running update (true) or running statistics (false)"),
                        ParamSpec.bool("running_var_unbiased", true, "update running_var with the unbiased batch variance (PyTorch)"))
                .reference(BatchNorm::new)
                .formulaScale("dx", NormErrorScale.batch())
                .samples(LayerSamples::batchNorm)
                .sampleParams(Map.of())
                .sampleParams(Map.of("training", false))
                .sampleParams(Map.of("momentum", 0.01, "running_var_unbiased", false, "eps", 1e-3))
                .sampleParams(Map.of("momentum", 1.0, "training", true))
                .sampleParams(Map.of("training", false, "eps", 1e-2))
                .gradcheckTolerance(NORM_GRADCHECK_TOLERANCE)
                .alternative(Alternative.ofParams("momentum = weight of the old value (Keras/ONNX)",
                        "the running update used momentum as the weight of the OLD value (Keras, ONNX); in the SPEC it"
                                + " weighs the new statistic: pass momentum = 1 - theirs",
                        p -> p.with(Map.of("momentum", 1 - p.getDouble("momentum")))))
                .alternative(Alternative.ofParams("running_var updated with the other variance estimator",
                        "running_var was updated with the biased variance where the case says running_var_unbiased = true"
                                + " (or the other way round); PyTorch uses the unbiased one, Keras/ONNX the biased one",
                        p -> p.with(Map.of("running_var_unbiased", !p.getBool("running_var_unbiased")))))
                .alternative(Alternative.ofParams("Keras/ONNX running statistics (old-value momentum, biased running_var)",
                        "both Keras/ONNX conventions at once: pass momentum = 1 - theirs and running_var_unbiased = false",
                        p -> p.with(Map.of("momentum", 1 - p.getDouble("momentum"), "running_var_unbiased", false))))
                .alternative(Alternative.ofComponent("normalized with the unbiased variance",
                        "training normalized x with the unbiased batch variance (1/(M-1)); the SPEC and PyTorch use the"
                                + " biased one (1/M) and keep the unbiased one for running_var only",
                        new BatchNorm(NormConvention.UNBIASED_NORMALIZATION)))
                .alternative(Alternative.ofComponent("eval mode used the batch statistics",
                        "with training = false, x was normalized with its own batch statistics instead of running_mean and"
                                + " running_var",
                        new BatchNorm(NormConvention.EVAL_WITH_BATCH_STATISTICS)))
                .alternative(Alternative.ofComponent("eps outside the square root",
                        "normalized by sqrt(var) + eps instead of sqrt(var + eps)", new BatchNorm(NormConvention.EPS_OUTSIDE_SQRT)))
                .alternative(Alternative.ofComponent("backward without the batch-statistics terms",
                        "dx = dy gamma / sqrt(var + eps) in training, ignoring that the batch mean and variance depend on x",
                        new BatchNorm(NormConvention.NO_STATISTICS_GRADIENT)))
                .dependence((p, in) -> Dependence.described("per channel (axis 1)").with("x", "y", Dependence.same(1, 1)).with("x", "running_mean", Dependence.same(1, 0)).with("x", "running_var", Dependence.same(1, 0)).with("gamma", "y", Dependence.same(0, 1)).with("beta", "y", Dependence.same(0, 1)).affineIn("gamma", "beta"))
                .build();
    }

    private static Entry.Builder sampleNorm(String id, String summary) {
        return Entry.builder(id, Family.LAYER)
                .summary(summary)
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("gamma"), TensorSpec.diff("beta"))
                .outputs("y")
                .gradcheckTolerance(NORM_GRADCHECK_TOLERANCE);
    }

    private static ParamSpec eps() {
        return ParamSpec.positive("eps", 1e-5, "added to the variance inside the square root");
    }

    private static Entry layerNorm() {
        return sampleNorm(LayerNorm.ID, "gamma (x - mean) / sqrt(var + eps) + beta over the last normalized_dims axes of each sample")
                .params(eps(), ParamSpec.integer("normalized_dims", null, 1, Integer.MAX_VALUE,
                        "how many trailing axes are normalized (default: all but axis 0)").optional())
                .reference(LayerNorm::new)
                .formulaScale("dx", NormErrorScale.layer())
                .samples(LayerSamples::layerNorm)
                .sampleParams(Map.of())
                .sampleParams(Map.of("normalized_dims", 1))
                .sampleParams(Map.of("normalized_dims", 2, "eps", 1e-3))
                .alternative(Alternative.ofComponent("normalized over the batch axis",
                        "statistics taken across the samples (batch norm's axis) instead of within each sample",
                        new LayerNormOverBatchAxis()))
                .alternative(epsOutside(new LayerNorm(NormConvention.EPS_OUTSIDE_SQRT)))
                .alternative(unbiased(new LayerNorm(NormConvention.UNBIASED_NORMALIZATION)))
                .dependence((p, in) -> layerNormDependence(in.get("x").rank(), p.has("normalized_dims") ? p.getInt("normalized_dims") : in.get("x").rank() - 1))
                .build();
    }

    private static Entry instanceNorm() {
        return sampleNorm(InstanceNorm.ID, "gamma[c] (x - mean) / sqrt(var + eps) + beta[c] per (sample, channel) over H, W")
                .traits(Trait.PER_SAMPLE).params(eps())
                .reference(InstanceNorm::new)
                .formulaScale("dx", NormErrorScale.instance())
                .samples(LayerSamples::instanceNorm)
                .sampleParams(Map.of())
                .sampleParams(Map.of("eps", 1e-3))
                .alternative(epsOutside(new InstanceNorm(NormConvention.EPS_OUTSIDE_SQRT)))
                .alternative(unbiased(new InstanceNorm(NormConvention.UNBIASED_NORMALIZATION)))
                .dependence((p, in) -> Dependence.described("per (sample, channel); gamma and beta per channel").with("x", "y", Dependence.same(0, 0), Dependence.same(1, 1)).with("gamma", "y", Dependence.same(0, 1)).with("beta", "y", Dependence.same(0, 1)))
                .build();
    }

    private static Entry groupNorm() {
        return sampleNorm(GroupNorm.ID, "normalize each (sample, block of C/groups consecutive channels); gamma, beta per channel")
                .traits(Trait.PER_SAMPLE)
                .params(ParamSpec.integer("groups", null, 1, Integer.MAX_VALUE, "number of consecutive channel blocks; divides C"),
                        eps())
                .reference(GroupNorm::new)
                .formulaScale("dx", NormErrorScale.group())
                .samples(LayerSamples::groupNorm)
                .sampleParams(Map.of("groups", 1))
                .sampleParams(Map.of("groups", 2))
                .sampleParams(Map.of("groups", 3, "eps", 1e-3))
                .alternative(Alternative.ofComponent("interleaved channel groups",
                        "channel c was put in group c mod groups; the SPEC and PyTorch use consecutive blocks of C/groups channels",
                        new GroupNormInterleaved()))
                .alternative(epsOutside(new GroupNorm(NormConvention.EPS_OUTSIDE_SQRT)))
                .alternative(unbiased(new GroupNorm(NormConvention.UNBIASED_NORMALIZATION)))
                .dependence((p, in) -> Dependence.perSample("x", "y").with("gamma", "y", Dependence.same(0, 1)).with("beta", "y", Dependence.same(0, 1)).named("per sample; gamma and beta per channel"))
                .build();
    }

    private static Alternative epsOutside(org.nncheck.core.Component c) {
        return Alternative.ofComponent("eps outside the square root", "normalized by sqrt(var) + eps instead of sqrt(var + eps)", c);
    }

    private static Alternative unbiased(org.nncheck.core.Component c) {
        return Alternative.ofComponent("normalized with the unbiased variance",
                "the variance was estimated with 1/(M-1); the SPEC and PyTorch use the biased 1/M", c);
    }

    private static ParamSpec dropP() {
        return ParamSpec.probability("p", 0.5, "the DROP probability (the CS231n lecture code's p is the keep probability)");
    }

    private static ParamSpec training() {
        return ParamSpec.bool("training", true, "training (mask applied) or test time");
    }

    private static Alternative keepProbability(org.nncheck.core.Component c) {
        return Alternative.ofComponent("p read as the keep probability",
                "p was used as the probability of KEEPING a unit, as in the CS231n lecture code; the SPEC's p is the drop"
                        + " probability: pass p = 1 - theirs", c);
    }

    private static Entry dropout() {
        return Entry.builder(Dropout.ID, Family.LAYER).traits(Trait.PER_SAMPLE)
                .summary("training: x mask / (1 - p) (inverted) or x mask; test: x (inverted) or x (1 - p)")
                .inputs(TensorSpec.diff("x"), TensorSpec.data("mask"))
                .outputs("y")
                .params(dropP(), ParamSpec.bool("inverted", true, "scale by 1/(1-p) in training (true) or by (1-p) at test time"),
                        training())
                .reference(Dropout::new)
                .samples(LayerSamples::dropout)
                .sampleParams(Map.of())
                .sampleParams(Map.of("p", 0.3))
                .sampleParams(Map.of("p", 0.2, "inverted", false))
                .sampleParams(Map.of("p", 0.25, "training", false))
                .sampleParams(Map.of("p", 0.25, "inverted", false, "training", false))
                .sampleParams(Map.of("p", 0.0))
                .alternative(keepProbability(new Dropout(DropoutConvention.P_IS_KEEP_PROBABILITY)))
                .alternative(Alternative.ofComponent("inverted dropout not scaled",
                        "inverted dropout forgot the 1/(1-p) scaling in training",
                        new Dropout(DropoutConvention.INVERTED_NOT_SCALED)))
                .alternative(Alternative.ofComponent("inverted dropout scaled again at test time",
                        "inverted dropout also multiplied by (1-p) at test time, scaling twice",
                        new Dropout(DropoutConvention.INVERTED_SCALED_AT_TEST)))
                .alternative(Alternative.ofParams("inverted and classic dropout swapped",
                        "the case's 'inverted' flag does not match the scaling used",
                        p -> p.with(Map.of("inverted", !p.getBool("inverted")))))
                .dependence((p, in) -> Dependence.elementWise("x", "y"))
                .build();
    }

    private static Entry dropconnect() {
        return Entry.builder(Dropconnect.ID, Family.LAYER).traits(Trait.PER_SAMPLE)
                .summary("training: y = x (w mask) / (1 - p) + b; test: y = x w + b")
                .inputs(TensorSpec.diff("x"), TensorSpec.diff("w"), TensorSpec.diff("b"), TensorSpec.data("mask"))
                .outputs("y")
                .params(dropP(), training())
                .reference(Dropconnect::new)
                .samples(LayerSamples::dropconnect)
                .sampleParams(Map.of())
                .sampleParams(Map.of("p", 0.3))
                .sampleParams(Map.of("training", false))
                .alternative(keepProbability(new Dropconnect(DropoutConvention.P_IS_KEEP_PROBABILITY)))
                .alternative(Alternative.ofComponent("weights not scaled by 1/(1-p)",
                        "training used x (w mask) + b without the 1/(1-p) scaling",
                        new Dropconnect(DropoutConvention.INVERTED_NOT_SCALED)))
                .dependence((p, in) -> Dependence.perSample("x", "y").with("w", "y", Dependence.same(1, 1)).with("b", "y", Dependence.same(0, 1)).named("per sample; w and b per output column"))
                .build();
    }

    /** Layer norm: per sample and per leading unnormalized axis; gamma and beta over the normalized trailing axes. */
    private static Dependence layerNormDependence(int rank, int normalized) {
        Dependence.Link[] kept = java.util.stream.IntStream.range(0, rank - normalized).mapToObj(k -> Dependence.same(k, k))
                .toArray(Dependence.Link[]::new);
        Dependence.Link[] affine = java.util.stream.IntStream.range(0, normalized).mapToObj(j -> Dependence.same(j, rank - normalized + j))
                .toArray(Dependence.Link[]::new);
        return Dependence.described("per sample; gamma and beta per normalized position").with("x", "y", kept)
                .with("gamma", "y", affine).with("beta", "y", affine);
    }
}
