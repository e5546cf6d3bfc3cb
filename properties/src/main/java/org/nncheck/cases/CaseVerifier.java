package org.nncheck.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.diagnosis.ConventionDiagnosis;
import org.nncheck.stats.InitializerVerification;
import org.nncheck.stats.SampleVerdict;

/**
 * Recomputes a case with the reference and compares (SPEC.md section 2).
 *
 * <p>Steps: resolve the component in the {@link Catalogue}; validate parameters against its
 * schema; check the inputs (every required one present, no unknown names, integer tensors
 * whole); check that every expected tensor is an output or a gradient {@code d<input>} of a
 * differentiable input; run forward and (if gradients are expected) backward; compare each
 * expected tensor with the case's tolerance or the dtype's default ({@link Dtype}); a tensor
 * outside the default is compared again with the larger of the default and the kit's
 * conditioning-aware part of {@link org.nncheck.conformance.Allowance} ({@link ConditionedAllowance},
 * docs/TOLERANCES.md), so the default is never stricter than the documented table. When a case
 * fails, every documented {@link org.nncheck.catalogue.Alternative} of the entry is tried ({@link ConventionDiagnosis}), and the ones under which
 * all expected tensors would match are reported.
 */
public final class CaseVerifier {

    /** Verifies one parsed case. */
    public CaseResult verify(Case c) {
        long t0 = System.nanoTime();
        try {
            return verifyOrThrow(c, t0);
        } catch (CaseFormatException e) {
            return malformed(c, e, t0);
        } catch (OutOfMemoryError e) {
            // an allocation the size of the case's parameters failed (it was never made, so the heap is intact)
            return malformed(c, new CaseFormatException(c.line(), "$", "the case needs more memory than this JVM has ("
                    + e.getMessage() + "); check its parameters and shapes, or raise -Xmx through NNCHECK_JAVA_OPTS"), t0);
        } catch (RuntimeException e) {
            // not the case's fault as far as the contract can tell: say so, name the case, lose nothing else
            return malformed(c, new CaseFormatException(c.line(), "$", "internal error of the reference on this case ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); please report it with this case file"), t0);
        }
    }

    /** A result for a case that could not be read at all. */
    public static CaseResult malformed(CaseReader.Parsed.Malformed m) {
        return new CaseResult(m.file(), m.line(), m.id() == null ? m.file().getFileName().toString() : m.id(), null,
                CaseResult.Status.MALFORMED, List.of(), List.of(), m.message(), 0);
    }

    private CaseResult malformed(Case c, CaseFormatException e, long t0) {
        return new CaseResult(c.file(), c.line(), c.id(), c.component(), CaseResult.Status.MALFORMED, List.of(), List.of(),
                c.file() + ":" + e.getMessage(), System.nanoTime() - t0);
    }

    private CaseResult verifyOrThrow(Case c, long t0) throws CaseFormatException {
        Entry entry;
        try {
            entry = Catalogue.resolve(c.component(), c.inputs().keySet());
        } catch (ContractException e) {
            throw c.error("component", e.getMessage());
        }
        Params params;
        try {
            params = entry.params(c.params());
        } catch (Params.ParamException e) {
            String part = e.param() != null && c.locations().containsKey("params." + e.param()) ? "params." + e.param()
                    : c.locations().containsKey("params") ? "params" : "component";
            throw c.error(part, e.getMessage());
        }
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        Map<String, Tensor> upstream = new LinkedHashMap<>();
        Set<String> upstreamNames = new LinkedHashSet<>(entry.upstreamNames());
        for (Map.Entry<String, Tensor> e : c.inputs().entrySet()) {
            String name = e.getKey();
            var spec = entry.input(name);
            if (spec.isPresent()) {
                inputs.put(name, asSpec(c, spec.get(), e.getValue()));
            } else if (upstreamNames.contains(name)) {
                upstream.put(name, floatTensor(e.getValue()));
            } else {
                throw c.error("inputs." + name, entry.id() + " has no input '" + name + "'; its inputs are "
                        + entry.inputs().stream().map(TensorSpec::name).toList() + " and upstream gradients " + upstreamNames);
            }
        }
        for (TensorSpec s : entry.inputs()) {
            if (!s.optional() && !inputs.containsKey(s.name())) {
                throw c.error("inputs", entry.id() + " needs input '" + s.name() + "'");
            }
        }
        if (entry.family() == Family.INITIALIZER) {
            return verifySample(c, entry, params, inputs, t0);
        }
        Set<String> gradientNames = new LinkedHashSet<>();
        entry.differentiableInputs().forEach(s -> gradientNames.add(s.gradientName()));
        boolean wantsForward = false;
        boolean wantsBackward = false;
        for (String name : c.expected().keySet()) {
            if (entry.outputs().contains(name)) {
                wantsForward = true;
            } else if (gradientNames.contains(name)) {
                if (!inputs.containsKey(name.substring(1))) {
                    throw c.error("expected." + name, "expected gradient '" + name + "' of input '" + name.substring(1)
                            + "', which the case does not give");
                }
                wantsBackward = true;
            } else {
                throw c.error("expected." + name, entry.id() + " has no output or gradient '" + name + "'; outputs "
                        + entry.outputs() + ", gradients " + gradientNames);
            }
        }
        if (c.expected().isEmpty()) {
            throw c.error("expected", "'expected' is empty: nothing to verify");
        }
        Component reference = entry.newReference();
        Map<String, Tensor> computed;
        try {
            computed = compute(reference, inputs, upstream, params, wantsForward, wantsBackward);
        } catch (ContractException e) {
            throw c.error(inputPart(c, e.getMessage()), e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw c.error("component", e.getMessage());
        }
        Tolerance tol = c.tolerance().orElse(c.dtype().defaultTolerance());
        List<TensorReport> reports = new ArrayList<>();
        boolean pass = true;
        ConditionedAllowance conditioned = null;
        for (Map.Entry<String, Tensor> e : c.expected().entrySet()) {
            Tensor ref = computed.get(e.getKey());
            if (ref == null) {
                throw c.error("expected." + e.getKey(), entry.id() + " gives no '" + e.getKey() + "' for these inputs and parameters"
                        + " (it gives " + computed.keySet() + ")");
            }
            Tensor aligned = align(entry, e.getKey(), e.getValue(), ref);
            TensorReport r = TensorReport.compare(e.getKey(), aligned, e.getValue(), tol);
            if (!r.passed() && r.shapeMismatch() == null && c.tolerance().isEmpty()) {
                // the default tolerance, exceeded: the larger of it and the conditioning-aware allowance (paid only here)
                if (conditioned == null) {
                    conditioned = new ConditionedAllowance(entry, c.dtype(), inputs, upstream, params, wantsForward, wantsBackward);
                }
                r = TensorReport.compare(e.getKey(), aligned, e.getValue(), tol,
                        conditioned.allowed(e.getKey(), aligned, e.getValue()));
            }
            reports.add(r);
            pass &= r.passed();
        }
        List<String> alternatives = new ArrayList<>();
        if (!pass) {
            // the alternatives under which every expected tensor would match (ConventionDiagnosis, shared with the kit)
            for (ConventionDiagnosis.Match m : ConventionDiagnosis.diagnose(entry, inputs, upstream, params, wantsForward,
                    wantsBackward, c.expected(), (name, t) -> TensorReport.compare(name, t, c.expected().get(name), tol).passed())) {
                if (m.all()) {
                    alternatives.add(m.describe());
                }
            }
        }
        return new CaseResult(c.file(), c.line(), c.id(), entry.id(), pass ? CaseResult.Status.PASS : CaseResult.Status.FAIL,
                reports, alternatives, null, System.nanoTime() - t0);
    }

    /**
     * An initializer case holds a sample {@code w} drawn by the implementation under test and no
     * expected tensors: it is verified statistically ({@link InitializerVerification}: mean,
     * variance and Kolmogorov-Smirnov, overall false-alarm rate {@value InitializerVerification#ALPHA}).
     */
    private static CaseResult verifySample(Case c, Entry entry, Params params, Map<String, Tensor> inputs, long t0)
            throws CaseFormatException {
        if (!c.expected().isEmpty()) {
            throw c.error("expected", "an initializer case gives its sample as input 'w' and nothing in 'expected' (it is verified statistically)");
        }
        Tensor w = inputs.get("w");
        if (w == null) {
            throw c.error("inputs", entry.id() + " needs the sample as input 'w'");
        }
        SampleVerdict v;
        try {
            v = InitializerVerification.verify(entry, params, w);
        } catch (ContractException e) {
            throw c.error("inputs.w", e.getMessage());
        }
        List<String> alternatives = v.details().stream().filter(d -> d.startsWith("would match under: "))
                .map(d -> d.substring("would match under: ".length())).toList();
        return new CaseResult(c.file(), c.line(), c.id(), entry.id(), v.passed() ? CaseResult.Status.PASS : CaseResult.Status.FAIL,
                List.of(), alternatives, v.summary(), System.nanoTime() - t0);
    }

    /** The input a reference's error message names ("tensor 'w'"), else the inputs object. */
    private static String inputPart(Case c, String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([A-Za-z_][A-Za-z0-9_]*)'").matcher(message == null ? "" : message);
        String last = null;
        while (m.find()) {
            if (last == null && c.locations().containsKey("inputs." + m.group(1))) {
                last = "inputs." + m.group(1);
            }
        }
        return last != null ? last : "inputs";
    }

    /** The reference's output aligned to the case's where the entry declares a symmetry (and the shapes agree). */
    private static Tensor align(Entry entry, String name, Tensor caseValue, Tensor reference) {
        var a = entry.alignments().get(name);
        return a == null || !caseValue.sameShape(reference) ? reference : a.align(caseValue, reference);
    }

    private static Map<String, Tensor> compute(Component comp, Map<String, Tensor> inputs, Map<String, Tensor> upstream,
                                               Params params, boolean fwd, boolean bwd) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (fwd) {
            out.putAll(comp.forward(inputs, params));
        }
        if (bwd) {
            out.putAll(comp.backward(inputs, upstream, params));
        }
        return out;
    }

    private static Tensor asSpec(Case c, TensorSpec spec, Tensor t) throws CaseFormatException {
        if (spec.integral()) {
            for (int i = 0; i < t.size(); i++) {
                double v = t.get(i);
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw c.error("inputs." + spec.name(), "'" + spec.name() + "' is an integer tensor, but element " + i + " is " + v);
                }
            }
            return t.isIntegral() ? t : Tensor.integralOf(t.shape(), t.toArray());
        }
        return floatTensor(t);
    }

    private static Tensor floatTensor(Tensor t) {
        return t.isIntegral() ? Tensor.wrap(t.shape(), t.toArray()) : t;
    }
}
