package org.nncheck.properties.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.properties.conformance.Mutants.Mutant;

/**
 * Deliberately wrong implementations across every family: each must be rejected with a message
 * naming the symptom (the tensor that differs) and, for an implementation that follows a
 * documented alternative while declaring the SPEC's convention, the convention.
 */
class WrongImplementationsTest {
    private static final long SEED = 11;

    /** Hand-written mutants: formula slips, ignored parameters, dropped gradients, precision losses, zeros. */
    static List<Mutant> handWritten() {
        Dtype f64 = Dtype.FLOAT64;
        return List.of(
                Mutants.rounded("sigmoid in float32, declared float64", "sigmoid", f64, Dtype.FLOAT32, "'y'"),
                Mutants.backward("tanh backward 2x", "tanh", f64, "dx", v -> 2 * v),
                Mutants.ignores("leaky_relu ignores alpha", "leaky_relu", "y", Map.of("alpha", 0.01)),
                Mutants.ignores("elu ignores alpha", "elu", "y", Map.of("alpha", 1.0)),
                Mutants.ignores("softmax always over the last axis", "softmax", "y", Map.of("axis", -1)),
                Mutants.ignores("gelu always the tanh approximation", "gelu", "y", Map.of("approximate", "tanh")),
                new Mutant("maxout without db", "maxout", f64, Mutants.wrap("maxout", m -> m, Mutants.drop("db"), p -> p), "no 'db'"),
                Mutants.backward("prelu dalpha 2x", "prelu", f64, "dalpha", v -> 2 * v),
                Mutants.forward("selu 1e-6 relative error", "selu", f64, "y", v -> v * (1 + 1e-6)),
                Mutants.ignores("softmax_cross_entropy always summed", "softmax_cross_entropy", "loss", Map.of("reduction", "sum")),
                Mutants.backward("mse gradient without the factor 2", "mse", f64, "dpred", v -> v / 2),
                Mutants.forward("bce_with_logits all zeros, bfloat16", "binary_cross_entropy_with_logits", Dtype.BFLOAT16, "loss", v -> 0),
                Mutants.ignores("multiclass_hinge ignores margin", "multiclass_hinge", "loss", Map.of("margin", 1.0)),
                Mutants.backward("kl_divergence gradient negated", "kl_divergence", f64, "dlog_q", v -> -v),
                Mutants.rounded("nll in bfloat16, declared float32", "nll", Dtype.FLOAT32, Dtype.BFLOAT16, "'loss'"),
                Mutants.forward("l2 twice the penalty", "l2", f64, "loss", v -> 2 * v),
                Mutants.backward("l1 gradient zero", "l1", f64, "dw", v -> 0),
                Mutants.forward("elastic_net 1% off", "elastic_net", Dtype.FLOAT32, "loss", v -> v * 1.01),
                Mutants.forward("max_norm leaves w alone", "max_norm", f64, "w", v -> v * 1.5),
                Mutants.backward("affine dw 2x", "affine", f64, "dw", v -> 2 * v),
                Mutants.rounded("conv2d in float32, declared float64", "conv2d", f64, Dtype.FLOAT32, "'y'"),
                Mutants.backward("max_pool2d gradient halved", "max_pool2d", f64, "dx", v -> v / 2),
                Mutants.forward("avg_pool2d 1% off", "avg_pool2d", Dtype.FLOAT32, "y", v -> v * 1.01),
                Mutants.forward("batch_norm all zeros, bfloat16", "batch_norm", Dtype.BFLOAT16, "y", v -> 0),
                Mutants.ignores("layer_norm with eps 1e-12", "layer_norm", "y", Map.of("eps", 1e-12)),
                Mutants.backward("group_norm dgamma zero", "group_norm", f64, "dgamma", v -> 0),
                Mutants.backward("instance_norm dbeta 2x", "instance_norm", f64, "dbeta", v -> 2 * v),
                Mutants.forward("dropconnect 0.1% off", "dropconnect", f64, "y", v -> v * 1.001),
                Mutants.ignores("sgd ignores weight_decay", "sgd", "w", Map.of("weight_decay", 0.0)),
                Mutants.rounded("adam in float32, declared float64", "adam", f64, Dtype.FLOAT32, "'w'"),
                Mutants.forward("momentum all zeros, bfloat16", "momentum", Dtype.BFLOAT16, "w", v -> 0),
                Mutants.forward("adagrad 1e-4 off", "adagrad", Dtype.FLOAT32, "w", v -> v * (1 + 1e-4)),
                Mutants.ignores("rmsprop ignores eps", "rmsprop", "w", Map.of("eps", 0.1)),
                Mutants.ignores("cosine ignores eta_min", "cosine", "lr", Map.of("eta_min", 0.0)),
                Mutants.forward("step lr 0.1% off", "step", f64, "lr", v -> v * 1.001),
                Mutants.ignores("exponential ignores gamma", "exponential", "lr", Map.of("gamma", 0.95)),
                Mutants.forward("xavier_uniform std 10% off", "xavier_uniform", f64, "std", v -> v * 1.1),
                Mutants.forward("zeros with mean 1e-3", "zeros", f64, "mean", v -> 1e-3),
                Mutants.ignores("standardize ignores eps", "standardize", "y", Map.of("eps", 0.0)),
                Mutants.ignores("min_max always to [0, 1]", "min_max", "y", Map.of("low", 0.0, "high", 1.0)),
                Mutants.forward("gcn 1% off", "gcn", f64, "y", v -> v * 1.01),
                Mutants.forward("hflip adds 1e-3", "hflip", Dtype.FLOAT32, "y", v -> v + 1e-3),
                Mutants.ignores("brightness ignores factor", "brightness", "y", Map.of("factor", 1.0)),
                Mutants.forward("gaussian_noise 0.5% off", "gaussian_noise", Dtype.BFLOAT16, "y", v -> v * 1.05));
    }

    static List<CheckResult> run(Mutant m) {
        return ConformanceKit.run(m.implementation(), SEED, List.of(m.catalogueEntry()));
    }

    private static String failures(List<CheckResult> r) {
        return r.stream().filter(CheckResult::failed).map(CheckResult::text).collect(Collectors.joining("\n"));
    }

    @Test
    void everyHandWrittenMutantIsRejectedNamingTheTensor() {
        List<Mutant> ms = handWritten();
        assertTrue(ms.size() >= 40, "at least 40 hand-written mutants: " + ms.size());
        Set<String> families = new TreeSet<>();
        List<String> survivors = new ArrayList<>();
        for (Mutant m : ms) {
            List<CheckResult> r = run(m);
            String f = failures(r);
            if (f.isEmpty() || !f.contains(m.symptom())) {
                survivors.add(m.name() + " (" + m.entry() + "): " + (f.isEmpty() ? "passed" : "the failure does not name "
                        + m.symptom() + ":\n" + f));
            }
            families.add(m.catalogueEntry().family().toString());
        }
        assertEquals(List.of(), survivors);
        assertEquals(new TreeSet<>(Mutants.families()), families, "every family has a mutant");
    }

    /**
     * Wrong only at edge inputs: kink conventions, ties, large logits, NaN and infinities; the
     * failure says which edge; for every edge kind at least one mutant fails on no generated
     * (non-edge) sample, so only that edge catches it (the naive BCE also fails on generated
     * samples whose logits reach |x| ~ 37).
     */
    @Test
    void edgeMutantsAreRejectedAtTheirEdge() {
        List<String> survivors = new ArrayList<>();
        Set<String> kinds = new TreeSet<>();
        Set<String> onlyAtTheEdge = new TreeSet<>();
        for (Mutant m : EdgeMutants.all()) {
            String f = failures(run(m));
            kinds.add(m.symptom());
            if (!f.contains(m.symptom())) {
                survivors.add(m.name() + ": " + (f.isEmpty() ? "passed" : f));
            } else if (f.lines().noneMatch(l -> l.stripLeading().startsWith("params#") && !l.contains("edge:"))) {
                onlyAtTheEdge.add(m.symptom());
            }
        }
        assertEquals(List.of(), survivors);
        assertEquals(kinds, onlyAtTheEdge, "every edge kind has a mutant that only its edge samples reject");
    }

    /**
     * Every documented alternative implemented while the SPEC's convention is declared: rejected
     * and named, unless it coincides with the SPEC on every sampled parameter set (e.g. "amsgrad
     * applied" when the samples already apply it, or the initializers' alternatives of equal mean
     * and std, which only a sampler test can tell apart). Kill rate printed; at least 100 of the
     * catalogue's alternatives must be rejected with their name.
     */
    @Test
    void anImplementationFollowingAnAlternativeIsRejectedAndTheConventionNamed() {
        int total = 0;
        int killed = 0;
        int named = 0;
        List<String> unnamed = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            for (Alternative a : e.alternatives()) {
                Mutant m = Mutants.alternative(e, a);
                total++;
                String f = failures(run(m));
                if (!f.isEmpty()) {
                    killed++;
                    if (f.contains(m.symptom())) {
                        named++;
                    } else {
                        unnamed.add(e.id() + ": " + a.name());
                    }
                }
            }
        }
        System.out.println("alternative-convention mutants: " + killed + " of " + total + " rejected, " + named
                + " with the convention named; rejected but not named: " + unnamed);
        assertTrue(named >= 100, named + " of " + total + " named; unnamed " + unnamed);
    }
}
