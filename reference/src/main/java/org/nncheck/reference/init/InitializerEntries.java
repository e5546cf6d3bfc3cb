package org.nncheck.reference.init;

import org.nncheck.catalogue.Check;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;

/**
 * Catalogue entries of the initializers (SPEC.md section 1).
 *
 * <p>Input {@code w}: a sample drawn by the implementation under test (the generator draws it
 * with the reference). Outputs {@code mean} and {@code std}: the exact moments of the
 * distribution for {@code w}'s shape ({@link Initializer#forward}). Every entry with a fan rule
 * also accepts the optional integer parameters {@code fan_in} and {@code fan_out}
 * ({@link Fans}). A case's sample is checked statistically by
 * {@code org.nncheck.stats.InitializerVerification} (module properties), which also tries the
 * alternatives declared here when a sample fails.
 */
public final class InitializerEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public InitializerEntries() {
    }

    private static final String NO_GRADIENT = "an initializer has no differentiable input (a random draw)";

    /** Why there is no OpenCL implementation (Check.GPU). */
    private static final String NO_KERNEL = "an initializer draws random samples that are verified statistically (distribution tests), "
            + "not element by element against a reference; there is no deterministic output to cross-check on OpenCL";

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        ParamSpec fanIn = ParamSpec.integer("fan_in", null, 1, Integer.MAX_VALUE, "override of the fan-in given by the shape").optional();
        ParamSpec fanOut = ParamSpec.integer("fan_out", null, 1, Integer.MAX_VALUE, "override of the fan-out given by the shape").optional();
        ParamSpec gain = ParamSpec.nonNegative("gain", 1.0, "scale of the std (PyTorch calculate_gain values)");
        ParamSpec mode = ParamSpec.choice("mode", "fan_in", List.of("fan_in", "fan_out"), "which fan sets the variance");
        ParamSpec slope = ParamSpec.real("negative_slope", 0.0, "leaky ReLU slope a: variance 2/((1+a^2) fan)");

        Alternative otherMode = Alternative.ofParams("the other fan mode",
                "fan_out where fan_in is asked (or the reverse); also what PyTorch's kaiming_* gives on a (D, M) weight,"
                        + " since PyTorch reads fan_in from axis 1 of its (out, in) layout",
                p -> p.with(Map.of("mode", p.getChoice("mode").equals("fan_in") ? "fan_out" : "fan_in")));
        Alternative noSlope = Alternative.ofParams("negative_slope ignored",
                "variance 2/fan: the (1 + a^2) factor of He et al. eq. 15 left out", p -> p.with(Map.of("negative_slope", 0.0)));

        return List.of(
                entry(Zeros.ID, "w = 0", Zeros::new).build(),
                entry(ConstantInit.ID, "w = value", ConstantInit::new)
                        .params(ParamSpec.real("value", null, "the constant"))
                        .sampleParams(Map.of("value", 0.1)).sampleParams(Map.of("value", -2.0)).build(),
                entry(NormalInit.ID, "N(mean, std^2); the lecture's 0.01*randn", NormalInit::new)
                        .params(ParamSpec.real("mean", 0.0, "mean"), ParamSpec.positive("std", 0.01, "standard deviation"))
                        .sampleParams(Map.of()).sampleParams(Map.of("mean", 0.5, "std", 2.0))
                        .alternative(Alternative.ofComponent("std read as a variance",
                                "N(mean, std): the parameter used as the variance", InitializerVariant.normal("normal_std_as_variance",
                                        (s, p) -> p.getDouble("mean"), (s, p) -> Math.sqrt(p.getDouble("std")))))
                        .build(),
                entry(UniformInit.ID, "U(low, high)", UniformInit::new)
                        .params(ParamSpec.real("low", null, "lower bound"), ParamSpec.real("high", null, "upper bound (> low)"))
                        .sampleParams(Map.of("low", -0.2, "high", 0.3)).sampleParams(Map.of("low", 1.0, "high", 4.0))
                        .samples((rnd, p, size) -> Map.of("w", new UniformInit().sample(shape(rnd, size), p, rnd)))
                        .alternative(Alternative.ofComponent("symmetric bounds",
                                "U(-(high-low)/2, (high-low)/2): the width kept but centred on 0",
                                InitializerVariant.symmetricUniform("uniform_symmetric",
                                        (s, p) -> (p.getDouble("high") - p.getDouble("low")) / 2)))
                        .build(),
                entry(XavierNormal.ID, "N(0, gain^2 * 2/(fan_in+fan_out))", XavierNormal::new)
                        .params(gain, fanIn, fanOut)
                        .sampleParams(Map.of()).sampleParams(Map.of("gain", 5.0 / 3)).sampleParams(Map.of("fan_in", 7, "fan_out", 9))
                        .alternative(Alternative.ofComponent("lecun_normal (the lecture's randn/sqrt(fan_in) called Xavier)",
                                "N(0, 1/fan_in): CS231n calls it Xavier; Glorot asks 2/(fan_in+fan_out)",
                                InitializerVariant.normal("xavier_as_lecun",
                                        (s, p) -> p.getDouble("gain") * InitializerVariant.lecunStd(XavierNormal.ID, s, p))))
                        .alternative(Alternative.ofComponent("uniform instead of normal",
                                "xavier_uniform drawn where xavier_normal is asked", InitializerVariant.symmetricUniform(
                                        "xavier_normal_as_uniform",
                                        (s, p) -> Math.sqrt(3) * p.getDouble("gain") * InitializerVariant.xavierStd(XavierNormal.ID, s, p))))
                        .build(),
                entry(XavierUniform.ID, "U(-b, b), b = gain*sqrt(6/(fan_in+fan_out))", XavierUniform::new)
                        .params(gain, fanIn, fanOut)
                        .sampleParams(Map.of()).sampleParams(Map.of("gain", 2.0)).sampleParams(Map.of("fan_in", 7, "fan_out", 9))
                        .alternative(Alternative.ofComponent("lecun uniform bound sqrt(3/fan_in)",
                                "U(-b, b), b = sqrt(3/fan_in): the variance 1/fan_in of randn/sqrt(fan_in)",
                                InitializerVariant.symmetricUniform("xavier_uniform_as_lecun",
                                        (s, p) -> Math.sqrt(3) * p.getDouble("gain") * InitializerVariant.lecunStd(XavierUniform.ID, s, p))))
                        .alternative(Alternative.ofComponent("normal instead of uniform",
                                "xavier_normal drawn where xavier_uniform is asked", InitializerVariant.normal(
                                        "xavier_uniform_as_normal",
                                        (s, p) -> p.getDouble("gain") * InitializerVariant.xavierStd(XavierUniform.ID, s, p))))
                        .build(),
                entry(LecunNormal.ID, "N(0, 1/fan_in) (the lecture's randn/sqrt(fan_in))", LecunNormal::new)
                        .params(fanIn, fanOut)
                        .sampleParams(Map.of()).sampleParams(Map.of("fan_in", 11))
                        .alternative(Alternative.ofComponent(XavierNormal.ID,
                                "N(0, 2/(fan_in+fan_out)) (Glorot) where LeCun's 1/fan_in is asked",
                                InitializerVariant.normal("lecun_as_xavier", (s, p) -> InitializerVariant.xavierStd(LecunNormal.ID, s, p))))
                        .alternative(Alternative.ofComponent("he_normal (randn/sqrt(fan_in/2))",
                                "N(0, 2/fan_in): the ReLU factor 2 added",
                                InitializerVariant.normal("lecun_as_he", (s, p) -> Math.sqrt(2) * InitializerVariant.lecunStd(LecunNormal.ID, s, p))))
                        .alternative(Alternative.ofComponent("fan_out used",
                                "N(0, 1/fan_out): also what PyTorch's (out, in) layout gives on a (D, M) weight",
                                InitializerVariant.normal("lecun_fan_out", (s, p) -> Math.sqrt(1.0 / Fans.fanOut(LecunNormal.ID, s, p)))))
                        .build(),
                entry(HeNormal.ID, "N(0, 2/((1+a^2) fan)) (the lecture's randn/sqrt(fan_in/2))", HeNormal::new)
                        .params(mode, slope, fanIn, fanOut)
                        .sampleParams(Map.of()).sampleParams(Map.of("mode", "fan_out")).sampleParams(Map.of("negative_slope", 0.2))
                        .sampleParams(Map.of("fan_in", 13, "mode", "fan_in"))
                        .alternative(otherMode).alternative(noSlope)
                        .alternative(Alternative.ofComponent("lecun_normal (factor 2 missing)",
                                "N(0, 1/((1+a^2) fan)): randn/sqrt(fan) without the ReLU factor 2",
                                InitializerVariant.normal("he_without_2", (s, p) -> Math.sqrt(1.0 / HeMode.scaledFan(HeNormal.ID, s, p)))))
                        .alternative(Alternative.ofComponent("uniform instead of normal", "he_uniform drawn where he_normal is asked",
                                InitializerVariant.symmetricUniform("he_normal_as_uniform", (s, p) -> Math.sqrt(6.0 / HeMode.scaledFan(HeNormal.ID, s, p)))))
                        .build(),
                entry(HeUniform.ID, "U(-b, b), b = sqrt(6/((1+a^2) fan))", HeUniform::new)
                        .params(mode, slope, fanIn, fanOut)
                        .sampleParams(Map.of()).sampleParams(Map.of("mode", "fan_out")).sampleParams(Map.of("negative_slope", 0.2))
                        .alternative(otherMode).alternative(noSlope)
                        .alternative(Alternative.ofComponent("bound sqrt(3/fan) (factor 2 missing)",
                                "U(-b, b), b = sqrt(3/((1+a^2) fan))",
                                InitializerVariant.symmetricUniform("he_uniform_without_2", (s, p) -> Math.sqrt(3.0 / HeMode.scaledFan(HeUniform.ID, s, p)))))
                        .alternative(Alternative.ofComponent("normal instead of uniform", "he_normal drawn where he_uniform is asked",
                                InitializerVariant.normal("he_uniform_as_normal", (s, p) -> Math.sqrt(2.0 / HeMode.scaledFan(HeUniform.ID, s, p)))))
                        .build());
    }

    private static Entry.Builder entry(String id, String summary, java.util.function.Supplier<Initializer> reference) {
        return Entry.builder(id, Family.INITIALIZER).summary(summary).inputs(TensorSpec.data("w")).outputs("mean", "std")
                .reference(reference::get)
                .samples((rnd, p, size) -> Map.of("w", reference.get().sample(shape(rnd, size), p, rnd)))
                .skip(Check.GRADIENT, NO_GRADIENT)
                .skip(Check.GPU, NO_KERNEL);
    }

    /** A dense (D, M) or conv (F, C, HH, WW) weight shape growing with the size hint. */
    static int[] shape(SplittableRandom rnd, int size) {
        int hi = 3 + 6 * size;
        if (rnd.nextBoolean()) {
            return new int[] {Samples.dim(rnd, 1, hi), Samples.dim(rnd, 1, hi)};
        }
        return new int[] {Samples.dim(rnd, 1, hi), Samples.dim(rnd, 1, 4), Samples.dim(rnd, 1, 3), Samples.dim(rnd, 1, 3)};
    }
}
