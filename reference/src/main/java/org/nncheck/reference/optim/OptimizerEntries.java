package org.nncheck.reference.optim;

import org.nncheck.catalogue.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
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
 * Catalogue entries of the optimizers (SPEC.md section 1, "Optimizers"). Every optimizer takes
 * {@code w}, {@code grads} (T, ...) and an optional {@code lr} (T) and returns the trajectory
 * {@code w} (T, ...); none is differentiable, so the gradient check is skipped with that reason.
 *
 * <p>Alternatives: the documented conventions and mistakes that {@code verify} tries when a
 * case fails. A parameter alternative applies only when it changes something (otherwise it
 * returns the case's own parameters, which cannot match a failing case).
 */
public final class OptimizerEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public OptimizerEntries() {
    }

    private static final String NOT_DIFFERENTIABLE =
            "optimizers are not differentiable components: their output is a trajectory, not a function with a backward";

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        return List.of(sgd(), momentum(), nesterov(), adagrad(), adadelta(), rmsprop(), adam());
    }

    private static Entry.Builder base(String id, String summary) {
        return Entry.builder(id, Family.OPTIMIZER).summary(summary)
                .inputs(TensorSpec.data("w"), TensorSpec.data("grads"), TensorSpec.data("lr").asOptional())
                .outputs("w")
                .formulaScale("w", new TrajectoryErrorScale(id))
                .skip(Check.GRADIENT, NOT_DIFFERENTIABLE)
                .samples(trajectories());
    }

    private static ParamSpec requiredLr() {
        return ParamSpec.nonNegative("lr", null, "learning rate; required unless an 'lr' tensor (T) is given").optional();
    }

    private static ParamSpec lr(double defaultValue) {
        return ParamSpec.nonNegative("lr", defaultValue, "learning rate (an 'lr' tensor (T) replaces it per step)");
    }

    private static ParamSpec weightDecay() {
        return ParamSpec.nonNegative("weight_decay", 0.0, "L2 weight decay: g = grad + weight_decay * w");
    }

    private static ParamSpec form() {
        return ParamSpec.choice("form", "pytorch", List.of("pytorch", "cs231n"),
                "pytorch: w -= lr * v with v a sum of gradients; cs231n: v = momentum * v - lr * g, w += v");
    }

    static Entry sgd() {
        return base(Sgd.ID, "g = grad + weight_decay*w; w -= lr*g")
                .params(requiredLr(), weightDecay())
                .reference(Sgd::new)
                .sampleParams(Map.of("lr", 0.1))
                .sampleParams(Map.of("lr", 0.05, "weight_decay", 0.01))
                .sampleParams(Map.of())
                .alternative(weightDecayIgnored())
                .alternative(weightDecayDoubled())
                .build();
    }

    static Entry momentum() {
        return base(Momentum.ID, "v = g at t=1, else momentum*v + (1-dampening)*g; w -= lr*v (or cs231n form)")
                .params(requiredLr(), ParamSpec.nonNegative("momentum", 0.9, "weight of the old velocity"),
                        ParamSpec.real("dampening", 0.0, "gradient weight is 1 - dampening (not on the first step)"),
                        weightDecay(), form())
                .reference(Momentum::new)
                .sampleParams(Map.of("lr", 0.1))
                .sampleParams(Map.of("lr", 0.05, "momentum", 0.8, "dampening", 0.3, "weight_decay", 0.01))
                .sampleParams(Map.of("lr", 0.1, "form", "cs231n"))
                .sampleParams(Map.of("momentum", 0.5, "dampening", 0.1, "form", "cs231n"))
                .sampleParams(Map.of("momentum", 0.0))
                .alternative(Alternative.ofComponent("momentum as an EMA: v = momentum*v + (1-momentum)*g",
                        "the gradient is dampened by (1 - momentum) from a zero velocity, an exponential moving average, "
                                + "not the SPEC's (PyTorch's) sum of gradients with weight 1", new MomentumEma()))
                .alternative(Alternative.ofComponent("dampening applied on the first step too",
                        "v = (1 - dampening)*g at t = 1; PyTorch 1.13 copies the undamped gradient into a new buffer",
                        new MomentumDampenedFirstStep()))
                .alternative(Alternative.ofComponent("nesterov look-ahead applied",
                        "the steps are Nesterov steps w -= lr*(g + momentum*v)", new Nesterov()))
                .alternative(formSwitch("cs231n"))
                .alternative(formSwitch("pytorch"))
                .alternative(weightDecayIgnored())
                .build();
    }

    static Entry nesterov() {
        return base(Nesterov.ID, "v as momentum; w -= lr*(g + momentum*v) (or cs231n form)")
                .params(requiredLr(), ParamSpec.nonNegative("momentum", 0.9, "weight of the old velocity"),
                        weightDecay(), form())
                .reference(Nesterov::new)
                .sampleParams(Map.of("lr", 0.1))
                .sampleParams(Map.of("lr", 0.05, "momentum", 0.8, "weight_decay", 0.01))
                .sampleParams(Map.of("lr", 0.1, "form", "cs231n"))
                .sampleParams(Map.of("momentum", 0.95, "weight_decay", 0.001, "form", "cs231n"))
                .alternative(Alternative.ofComponent("nesterov behaving as plain momentum",
                        "the look-ahead term is missing: w -= lr*v (pytorch form) or w += v (cs231n form)",
                        new NesterovAsPlainMomentum()))
                .alternative(formSwitch("cs231n"))
                .alternative(formSwitch("pytorch"))
                .alternative(weightDecayIgnored())
                .build();
    }

    static Entry adagrad() {
        return base(Adagrad.ID, "G += g^2; w -= lr/(1+(t-1)*lr_decay) * g/(sqrt(G)+eps)")
                .params(lr(0.01), ParamSpec.nonNegative("eps", 1e-10, "added outside the square root"),
                        ParamSpec.nonNegative("initial_accumulator_value", 0.0, "starting value of G"),
                        ParamSpec.nonNegative("lr_decay", 0.0, "lr / (1 + (t-1)*lr_decay)"), weightDecay())
                .reference(Adagrad::new)
                .sampleParams(Map.of())
                .sampleParams(Map.of("lr", 0.1))
                .sampleParams(Map.of("lr", 0.1, "lr_decay", 0.05, "initial_accumulator_value", 0.1, "weight_decay", 0.01))
                .sampleParams(Map.of("lr", 0.05, "eps", 1e-6))
                .alternative(Alternative.ofComponent("eps inside the square root", "w -= clr * g / sqrt(G + eps)",
                        new AdagradEpsInsideSqrt()))
                .alternative(ifChanged("lr_decay not applied", "the learning rate is not decayed with t",
                        p -> p.getDouble("lr_decay") != 0, Map.of("lr_decay", 0.0)))
                .alternative(ifChanged("initial_accumulator_value ignored", "G starts at 0",
                        p -> p.getDouble("initial_accumulator_value") != 0, Map.of("initial_accumulator_value", 0.0)))
                .alternative(weightDecayIgnored())
                .build();
    }

    static Entry adadelta() {
        return base(Adadelta.ID, "E = rho*E + (1-rho)*g^2; u = sqrt(D+eps)/sqrt(E+eps)*g; D = rho*D + (1-rho)*u^2; w -= lr*u")
                .params(lr(1.0), ParamSpec.real("rho", 0.9, 0, 1, "decay of both running averages"),
                        ParamSpec.nonNegative("eps", 1e-6, "inside both square roots"), weightDecay())
                .reference(Adadelta::new)
                .sampleParams(Map.of())
                .sampleParams(Map.of("lr", 0.5, "rho", 0.95, "eps", 1e-5, "weight_decay", 0.01))
                .alternative(Alternative.ofComponent("lr not applied (Zeiler's Adadelta has no learning rate)",
                        "w -= u, ignoring the lr parameter and any lr tensor", new AdadeltaWithoutLr()))
                .alternative(weightDecayIgnored())
                .build();
    }

    static Entry rmsprop() {
        return base(RmsProp.ID, "c = alpha*c + (1-alpha)*g^2; w -= lr*g/(sqrt(c)+eps); centered, momentum as PyTorch")
                .params(lr(0.01), ParamSpec.real("alpha", 0.99, 0, 1, "decay of the mean square"),
                        ParamSpec.nonNegative("eps", 1e-8, "added outside the square root unless eps_inside_sqrt"),
                        ParamSpec.bool("eps_inside_sqrt", false, "sqrt(c + eps) instead of sqrt(c) + eps"),
                        ParamSpec.bool("centered", false, "divide by the square root of the variance c - a^2"),
                        ParamSpec.nonNegative("momentum", 0.0, "b = momentum*b + g/d; w -= lr*b"), weightDecay())
                .reference(RmsProp::new)
                .sampleParams(Map.of())
                .sampleParams(Map.of("lr", 0.01, "alpha", 0.9, "centered", true, "momentum", 0.5))
                .sampleParams(Map.of("eps_inside_sqrt", true, "eps", 1e-6))
                .sampleParams(Map.of("centered", true, "eps_inside_sqrt", true, "weight_decay", 0.01))
                .sampleParams(Map.of("momentum", 0.9, "weight_decay", 0.001))
                .alternative(Alternative.ofComponent("lecture typo: cache += decay*cache + (1-decay)*g^2",
                        "the CS231n notes' RMSProp line with += where = is meant (the cache roughly doubles each step)",
                        new RmsPropLectureTypo()))
                .alternative(toggle("eps inside the square root", "d = sqrt(c + eps)", "eps_inside_sqrt", false))
                .alternative(toggle("eps outside the square root", "d = sqrt(c) + eps", "eps_inside_sqrt", true))
                .alternative(toggle("not centered", "d from c, not from c - a^2", "centered", true))
                .alternative(toggle("centered", "d from the variance c - a^2", "centered", false))
                .alternative(weightDecayIgnored())
                .build();
    }

    static Entry adam() {
        return base(Adam.ID, "m, v moving averages; w -= lr*m_hat/(sqrt(v_hat)+eps); amsgrad, AdamW, eps_form hat")
                .params(lr(0.001), ParamSpec.probability("beta1", 0.9, "decay of the first moment"),
                        ParamSpec.probability("beta2", 0.999, "decay of the second moment"),
                        ParamSpec.nonNegative("eps", 1e-8, "added outside the square root"), weightDecay(),
                        ParamSpec.bool("decoupled_weight_decay", false, "AdamW: w -= lr*weight_decay*w before the step"),
                        ParamSpec.bool("amsgrad", false, "use the running maximum of v"),
                        ParamSpec.bool("bias_correction", true, "divide by 1 - beta^t"),
                        ParamSpec.choice("eps_form", "standard", List.of("standard", "hat"),
                                "standard: sqrt(v_hat) + eps; hat: eps added to sqrt(v), Kingma and Ba's efficient form"))
                .reference(Adam::new)
                .sampleParams(Map.of())
                .sampleParams(Map.of("lr", 0.01, "amsgrad", true))
                .sampleParams(Map.of("lr", 0.003, "beta1", 0.8, "beta2", 0.95, "eps", 1e-6))
                .sampleParams(Map.of("lr", 0.01, "weight_decay", 0.1))
                .sampleParams(Map.of("lr", 0.01, "weight_decay", 0.1, "decoupled_weight_decay", true))
                .sampleParams(Map.of("eps_form", "hat", "amsgrad", true))
                .sampleParams(Map.of("bias_correction", false, "lr", 0.01))
                .alternative(toggle("Adam without bias correction (the lecture's Adam)",
                        "CS231n's Adam before its bias-correction lines: w -= lr*m/(sqrt(v)+eps)", "bias_correction", true))
                .alternative(toggle("with bias correction", "m and v divided by 1 - beta^t", "bias_correction", false))
                .alternative(Alternative.ofComponent("bias correction off by one step (1 - beta^(t+1))",
                        "the bias corrections use the step counter plus one", new AdamBiasCorrectionOffByOne()))
                .alternative(Alternative.ofParams("AdamW decay applied through the gradient (L2)",
                        "decoupled_weight_decay requested but the decay was added to the gradient (Adam + L2), not to w",
                        p -> p.getBool("decoupled_weight_decay") && p.getDouble("weight_decay") != 0
                                ? p.with(Map.of("decoupled_weight_decay", false)) : p))
                .alternative(Alternative.ofParams("weight decay decoupled (AdamW) instead of L2",
                        "w -= lr*weight_decay*w before the step instead of adding weight_decay*w to the gradient",
                        p -> !p.getBool("decoupled_weight_decay") && p.getDouble("weight_decay") != 0
                                ? p.with(Map.of("decoupled_weight_decay", true)) : p))
                .alternative(new Alternative("AdamW decay not scaled by lr",
                        "w *= 1 - weight_decay instead of 1 - lr*weight_decay (Loshchilov and Hutter's Algorithm 2 without alpha)",
                        p -> p, new AdamWDecayNotScaledByLr()))
                .alternative(Alternative.ofParams("eps_form hat", "w -= lr*sqrt(1-beta2^t)/(1-beta1^t) * m/(sqrt(v)+eps)",
                        p -> p.getChoice("eps_form").equals("standard") ? p.with(Map.of("eps_form", "hat")) : p))
                .alternative(Alternative.ofParams("eps_form standard", "w -= lr*m_hat/(sqrt(v_hat)+eps)",
                        p -> p.getChoice("eps_form").equals("hat") ? p.with(Map.of("eps_form", "standard")) : p))
                .alternative(Alternative.ofComponent("eps inside the square root", "sqrt(v_hat + eps) instead of sqrt(v_hat) + eps",
                        new AdamEpsInsideSqrt()))
                .alternative(toggle("amsgrad not applied", "v instead of its running maximum", "amsgrad", true))
                .alternative(toggle("amsgrad applied", "the running maximum of v instead of v", "amsgrad", false))
                .alternative(weightDecayIgnored())
                .build();
    }

    // ---- alternatives shared by several optimizers ----

    /** A boolean parameter flipped, when it currently has the value {@code from}. */
    private static Alternative toggle(String name, String explanation, String param, boolean from) {
        return ifChanged(name, explanation, p -> p.getBool(param) == from, Map.of(param, !from));
    }

    private static Alternative ifChanged(String name, String explanation, java.util.function.Predicate<Params> applies,
                                         Map<String, Object> change) {
        UnaryOperator<Params> op = p -> applies.test(p) ? p.with(change) : p;
        return Alternative.ofParams(name, explanation, op);
    }

    private static Alternative formSwitch(String to) {
        String from = to.equals("cs231n") ? "pytorch" : "cs231n";
        String explanation = to.equals("cs231n")
                ? "v = momentum*v - lr*g; w += v: the learning rate scales each gradient as it enters the velocity"
                : "w -= lr*v with v a sum of gradients: the current learning rate scales the whole velocity";
        return ifChanged("form " + to, explanation + " (differs from form " + from + " only when lr changes)",
                p -> p.getChoice("form").equals(from), Map.of("form", to));
    }

    private static Alternative weightDecayIgnored() {
        return ifChanged("weight decay not applied", "weight_decay ignored", p -> p.getDouble("weight_decay") != 0,
                Map.of("weight_decay", 0.0));
    }

    private static Alternative weightDecayDoubled() {
        return Alternative.ofParams("weight decay doubled (gradient of weight_decay * sum w^2)",
                "g = grad + 2*weight_decay*w: the decay taken as lambda of lambda * sum w^2 instead of lambda = theta/2",
                p -> p.getDouble("weight_decay") != 0 ? p.with(Map.of("weight_decay", 2 * p.getDouble("weight_decay"))) : p);
    }

    // ---- samples ----

    /**
     * Random trajectories: {@code w} of rank 0 to 3 with small dimensions, {@code T} from 1 to
     * about 20 (growing with the size hint), gradients N(0, s^2) with s one of 1, 1e-3, 1e-6
     * (small gradients exercise eps), and an {@code lr} tensor whenever the parameter
     * {@code lr} is absent, else one time in four (values between 0.25 and 1.5 times the
     * parameter).
     */
    static SampleGenerator trajectories() {
        return (rnd, p, size) -> {
            int[] shape = shape(rnd, size);
            int steps = Samples.dim(rnd, 1, 5 + 5 * size);
            int[] gShape = new int[shape.length + 1];
            gShape[0] = steps;
            System.arraycopy(shape, 0, gShape, 1, shape.length);
            double[] scales = {1.0, 1.0, 1e-3, 1e-6};
            double scale = scales[rnd.nextInt(scales.length)];
            Map<String, Tensor> m = new LinkedHashMap<>();
            m.put("w", Samples.normal(rnd, 0, 1, shape));
            m.put("grads", Samples.normal(rnd, 0, scale, gShape));
            if (!p.has("lr") || rnd.nextInt(4) == 0) {
                double base = p.has("lr") ? p.getDouble("lr") : 0.05;
                m.put("lr", Samples.uniform(rnd, 0.25 * base, 1.5 * base, steps));
            }
            return m;
        };
    }

    private static int[] shape(SplittableRandom rnd, int size) {
        int rank = rnd.nextInt(size == 0 ? 2 : 4);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = Samples.dim(rnd, 1, 2 + size);
        }
        return shape;
    }
}
