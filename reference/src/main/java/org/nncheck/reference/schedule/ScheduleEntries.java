package org.nncheck.reference.schedule;

import org.nncheck.catalogue.Check;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.SampleGenerator;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Catalogue entries of the learning-rate schedules (SPEC.md section 1): input {@code steps} (T)
 * integers {@code >= 0} ({@code >= 1} for {@code one_over_t}), output {@code lr} (T). Not
 * differentiable. Alternatives: off-by-one steps (the most common schedule bug), floor vs ceil
 * for {@code step}, warm restarts for {@code cosine}, a warmup from 0.
 */
public final class ScheduleEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public ScheduleEntries() {
    }

    private static final String NOT_DIFFERENTIABLE = "schedules map integer steps to learning rates: nothing to differentiate";

    /** Why there is no OpenCL implementation (Check.GPU). */
    private static final String NO_KERNEL = "a learning-rate schedule is a scalar function of the step counter (T values, no data parallelism): "
            + "host arithmetic, nothing for an OpenCL kernel to do";

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        return List.of(
                base(Constant.ID, "lr(n) = lr", Constant::new, 0)
                        .params(lr())
                        .sampleParams(Map.of("lr", 0.1))
                        .build(),
                base(Step.ID, "lr * gamma^floor(n/step_size) (ceil as an option)", Step::new, 0)
                        .params(lr(), ParamSpec.nonNegative("gamma", 0.1, "factor at each step"),
                                ParamSpec.integer("step_size", null, 1, Long.MAX_VALUE, "steps between decays"),
                                ParamSpec.choice("rounding", "floor", List.of("floor", "ceil"), "floor (PyTorch StepLR) or ceil"))
                        .sampleParams(Map.of("lr", 0.1, "gamma", 0.5, "step_size", 7))
                        .sampleParams(Map.of("lr", 0.5, "step_size", 3, "rounding", "ceil"))
                        .sampleParams(Map.of("lr", 0.5, "gamma", 0.9, "step_size", 1))
                        .alternative(ifChanged("rounding ceil", "lr * gamma^ceil(n/step_size), as one lecture writes it",
                                p -> p.getChoice("rounding").equals("floor"), Map.of("rounding", "ceil")))
                        .alternative(ifChanged("rounding floor", "lr * gamma^floor(n/step_size) (PyTorch StepLR)",
                                p -> p.getChoice("rounding").equals("ceil"), Map.of("rounding", "floor")))
                        .alternative(shifted(new Step(), 1))
                        .alternative(shifted(new Step(), -1))
                        .build(),
                base(Multistep.ID, "lr * gamma^(number of milestones <= n)", Multistep::new, 0)
                        .params(lr(), ParamSpec.nonNegative("gamma", 0.1, "factor at each milestone"),
                                ParamSpec.intList("milestones", null, "steps at which the rate is multiplied by gamma"))
                        .sampleParams(Map.of("lr", 0.1, "milestones", List.of(5, 12, 30)))
                        .sampleParams(Map.of("lr", 0.5, "gamma", 0.5, "milestones", List.of(9, 3, 3)))
                        .sampleParams(Map.of("lr", 0.5, "milestones", List.of()))
                        .alternative(shifted(new Multistep(), 1))
                        .alternative(Alternative.ofComponent("milestones counted with < (one step late)",
                                "lr * gamma^(number of milestones < n): the rate changes one step after each milestone",
                                new ShiftedSchedule(new Multistep(), -1)))
                        .build(),
                base(Exponential.ID, "lr * gamma^n", Exponential::new, 0)
                        .params(lr(), ParamSpec.nonNegative("gamma", null, "factor per step"))
                        .sampleParams(Map.of("lr", 0.1, "gamma", 0.9))
                        .sampleParams(Map.of("lr", 1.0, "gamma", 0.5))
                        .alternative(shifted(new Exponential(), 1))
                        .alternative(shifted(new Exponential(), -1))
                        .build(),
                base(Inverse.ID, "lr * (1 + gamma*n)^(-power) (Caffe inv)", Inverse::new, 0)
                        .params(lr(), ParamSpec.nonNegative("gamma", null, "rate of the inverse decay"),
                                ParamSpec.real("power", null, "exponent"))
                        .sampleParams(Map.of("lr", 0.01, "gamma", 0.01, "power", 0.75))
                        .sampleParams(Map.of("lr", 0.1, "gamma", 0.5, "power", 1.0))
                        .alternative(shifted(new Inverse(), 1))
                        .alternative(Alternative.ofParams("power with the wrong sign: lr*(1 + gamma*n)^power",
                                "the exponent's minus sign dropped, so the rate grows with n",
                                p -> p.with(Map.of("power", -p.getDouble("power")))))
                        .build(),
                base(OneOverT.ID, "c / n for n >= 1", OneOverT::new, 1)
                        .params(ParamSpec.real("c", null, "lr(n) = c / n"))
                        .sampleParams(Map.of("c", 0.5))
                        .sampleParams(Map.of("c", 2.0))
                        .alternative(Alternative.ofComponent("steps counted from 0: c/(n+1)",
                                "lr(n) = c/(n+1): the step number is off by one", new ShiftedSchedule(new OneOverT(), 1)))
                        .build(),
                base(Warmup.ID, "linear: lr*(f + (1-f)*n/warmup_steps) for n < warmup_steps; constant: lr*f; then lr",
                        Warmup::new, 0)
                        .params(lr(), ParamSpec.integer("warmup_steps", null, 0, Long.MAX_VALUE, "length of the warmup"),
                                ParamSpec.choice("mode", "linear", List.of("linear", "constant"), "linear ramp or constant factor"),
                                ParamSpec.real("warmup_factor", 0.1, 0, 1, "f: the rate starts at lr*f"))
                        .sampleParams(Map.of("lr", 0.1, "warmup_steps", 10))
                        .sampleParams(Map.of("lr", 0.1, "warmup_steps", 10, "mode", "constant", "warmup_factor", 0.25))
                        .sampleParams(Map.of("lr", 0.3, "warmup_steps", 0))
                        .sampleParams(Map.of("lr", 0.3, "warmup_steps", 5, "warmup_factor", 0.0))
                        .alternative(ifChanged("warmup from 0 (warmup_factor ignored)", "the ramp starts at 0: f = 0",
                                p -> p.getDouble("warmup_factor") != 0, Map.of("warmup_factor", 0.0)))
                        .alternative(shifted(new Warmup(), 1))
                        .build(),
                base(CyclicTriangular.ID, "Smith's triangular cycle between base_lr and max_lr, half period step_size",
                        CyclicTriangular::new, 0)
                        .params(ParamSpec.nonNegative("base_lr", null, "lowest rate (at n = 0)"),
                                ParamSpec.nonNegative("max_lr", null, "highest rate (at n = step_size)"),
                                ParamSpec.positive("step_size", null, "steps of a half cycle (PyTorch step_size_up = step_size_down)"))
                        .sampleParams(Map.of("base_lr", 0.001, "max_lr", 0.006, "step_size", 5))
                        .sampleParams(Map.of("base_lr", 0.1, "max_lr", 1.0, "step_size", 1))
                        .sampleParams(Map.of("base_lr", 0.5, "max_lr", 0.1, "step_size", 3))
                        .alternative(shifted(new CyclicTriangular(), 1))
                        .build(),
                base(Cosine.ID, "eta_min + (lr-eta_min)*(1+cos(pi*n/t_max))/2", Cosine::new, 0)
                        .params(lr(), ParamSpec.positive("t_max", null, "steps of the half period"),
                                ParamSpec.real("eta_min", 0.0, "lowest rate"))
                        .sampleParams(Map.of("lr", 0.1, "t_max", 20, "eta_min", 0.001))
                        .sampleParams(Map.of("lr", 1.0, "t_max", 7))
                        .alternative(Alternative.ofComponent("cosine with warm restarts (n mod t_max)",
                                "SGDR restarts: the rate jumps back to lr every t_max steps", new CosineWarmRestarts()))
                        .alternative(shifted(new Cosine(), 1))
                        .alternative(Alternative.ofParams("t_max off by one (t_max + 1)", "the half period counted one step longer",
                                p -> p.with(Map.of("t_max", p.getDouble("t_max") + 1))))
                        .alternative(Alternative.ofParams("t_max off by one (t_max - 1)", "the half period counted one step shorter",
                                p -> p.getDouble("t_max") > 1 ? p.with(Map.of("t_max", p.getDouble("t_max") - 1)) : p))
                        .build());
    }

    private static Entry.Builder base(String id, String summary, java.util.function.Supplier<org.nncheck.core.Component> ref,
                                      long minimumStep) {
        return Entry.builder(id, Family.SCHEDULE).summary(summary)
                .inputs(TensorSpec.integers("steps"))
                .outputs("lr")
                .reference(ref)
                .samples(steps(minimumStep))
                .skip(Check.GRADIENT, NOT_DIFFERENTIABLE)
                .skip(Check.GPU, NO_KERNEL);
    }

    private static ParamSpec lr() {
        return ParamSpec.nonNegative("lr", null, "base learning rate");
    }

    private static Alternative shifted(Schedule s, int offset) {
        return Alternative.ofComponent(offset > 0 ? "off by one step (lr(n+1))" : "off by one step (lr(n-1))",
                offset > 0 ? "one step ahead: the scheduler was stepped before the first optimizer step, or steps counted from 1"
                        : "one step behind: steps counted from -1, or the scheduler stepped after reading the rate",
                new ShiftedSchedule(s, offset));
    }

    private static Alternative ifChanged(String name, String explanation, Predicate<Params> applies, Map<String, Object> change) {
        return Alternative.ofParams(name, explanation, p -> applies.test(p) ? p.with(change) : p);
    }

    /**
     * Steps {@code (T)}, T from 1 to 10 + 15 * size: either consecutive from a random start
     * (a training run) or random values in [min, 60] (any order, repeats), never below
     * {@code min}.
     */
    static SampleGenerator steps(long min) {
        return (rnd, p, size) -> {
            int t = Samples.dim(rnd, 1, 10 + 15 * size);
            long[] s = new long[t];
            if (rnd.nextBoolean()) {
                long start = min + rnd.nextInt(5);
                for (int i = 0; i < t; i++) {
                    s[i] = start + i;
                }
            } else {
                for (int i = 0; i < t; i++) {
                    s[i] = min + rnd.nextInt(61);
                }
            }
            return Map.of("steps", Tensor.ofIntegers(new int[] {t}, s));
        };
    }
}
