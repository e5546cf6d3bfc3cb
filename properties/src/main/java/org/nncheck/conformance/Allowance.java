package org.nncheck.conformance;

import java.util.List;
import java.util.SplittableRandom;
import org.nncheck.cases.Dtype;
import org.nncheck.core.Tensor;

/**
 * How far a correct implementation computing in a given precision may be from the reference:
 * the kit's one tolerance model, a mixed forward-backward error bound, derived, not tuned.
 *
 * <p>The reference runs in double on the same inputs the implementation receives (the kit
 * rounds them to the implementation's precision first), so input rounding cancels out and only
 * the implementation's own arithmetic is measured. Element {@code j} of an output ({@code r} the
 * reference, {@code g} the implementation) passes when
 *
 * <pre>  |g_j - r_j| &lt;= C u (|r_j| + s + F_j) + K_j + tiny</pre>
 *
 * <ul>
 *   <li>{@code u}: the unit roundoff of the precision (2^-53, 2^-24, 2^-11, 2^-8): a precision
 *       is one of the four dtypes, never an arbitrary number, so that an implementation cannot
 *       buy a loose tolerance by declaring one.</li>
 *   <li>{@code C}, the forward-error budget in units of u: 32 for float64 and float32 (OpenCL 1.2
 *       full profile, section 7.4, bounds exp, log, expm1, log1p, sqrt at 3-4 ulp, tanh at 5, erfc
 *       and pow at 16; one ulp is 2u; an element-wise formula chains about four such operations:
 *       16 ulp = 32 u); 4 for float16 and bfloat16, whose implementations compute in float32 and
 *       round intermediates and the result to the format (a few roundings of u each).</li>
 *   <li>{@code s}: the largest finite magnitude of the reference tensor. Textbook formulas that
 *       cancel at the scale of their operands (1 + erf(x) of gelu at x = -5, 1 - y^2 of tanh's
 *       backward, y + alpha of elu's) make an absolute error of a few u at that scale.</li>
 *   <li>{@code F_j}: the sum of the absolute terms of the standard formula where a gradient's
 *       formula cancels internally beyond its operands' scale ({@link org.nncheck.catalogue.FormulaScale} of the entry: softmax,
 *       log_softmax, the normalizations, optimizer trajectories), and for the element-wise
 *       activations the operand's magnitude ({@code |x_j|} forward, {@code |dy_j|} backward); Higham, Accuracy and Stability
 *       of Numerical Algorithms, 2nd ed., sections 3.1 and 4.2: a sum is computed to
 *       {@code c u sum |t_i|}.</li>
 *   <li>{@code K_j}: conditioning, the largest change of the reference's element over a few
 *       re-evaluations with every floating-point input (and upstream gradient) multiplied by
 *       {@code 1 + k u_a e}, {@code e} random signs: {@code k = C sqrt(max(1, L))} with {@code L}
 *       the reduction length (the largest input's size; Higham 3.1 and 3.5: a sum of L terms is
 *       the exact sum of terms perturbed by at most L u, about sqrt(L) u when the roundings are
 *       independent), and {@code u_a} the roundoff of the accumulation: u, but float32's 2^-24
 *       for float16 and bfloat16 (which accumulate in float32). Large where results cancel
 *       (batch-norm dx) or an argument is amplified, small elsewhere.</li>
 *   <li>{@code tiny}: the smallest normal number of the precision (a true result below it may be
 *       flushed to zero).</li>
 * </ul>
 * An all-zero output fails it at its largest element ({@code C u < 1} for every precision).
 * NaN matches only NaN; an infinity only the same infinity.
 *
 * <p>Shared by the kit ({@code ReferenceComparison}) and {@code nncheck verify}
 * ({@link org.nncheck.cases.CaseVerifier}: for a tensor outside its per-dtype default, the larger
 * of that default and the {@link #cancellation} part {@code C u F_j + K_j}; the default plays the
 * role of {@code C u (|r_j| + s)}; docs/TOLERANCES.md).
 */
public final class Allowance {
    private Allowance() {
    }

    /** C, the forward-error budget in units of u. */
    public static double budget(Dtype p) {
        return p == Dtype.FLOAT16 || p == Dtype.BFLOAT16 ? 4 : 32;
    }

    /** The smallest normal number of the precision. */
    public static double tiny(Dtype p) {
        return switch (p) {
            case FLOAT64 -> Double.MIN_NORMAL;
            case FLOAT32, BFLOAT16 -> Float.MIN_NORMAL;
            case FLOAT16 -> 0x1p-14;
        };
    }

    /** The relative size k u_a of the conditioning perturbation for a reduction length L. */
    public static double perturbation(Dtype p, long reductionLength) {
        double ua = Math.min(p.unitRoundoff(), Dtype.FLOAT32.unitRoundoff());
        return budget(p) * Math.sqrt(Math.max(1, reductionLength)) * ua;
    }

    /**
     * The allowed error at one element.
     *
     * @param reference the reference's value r_j
     * @param scale s, the reference tensor's largest finite magnitude
     * @param formulaTerms F_j (0 where the formula does not cancel internally)
     * @param conditioning K_j
     */
    public static double allowed(Dtype p, double reference, double scale, double formulaTerms, double conditioning) {
        return budget(p) * p.unitRoundoff() * (Math.abs(reference) + scale) + cancellation(p, formulaTerms, conditioning) + tiny(p);
    }

    /**
     * The part of the allowance owed to cancellation, {@code C u F_j + K_j}: what the reference
     * computation's own conditioning and its formula's internal cancellation add to the plain
     * {@code C u (|r_j| + s)}. {@code verify} adds this part alone to its per-dtype default.
     */
    public static double cancellation(Dtype p, double formulaTerms, double conditioning) {
        return budget(p) * p.unitRoundoff() * formulaTerms + conditioning;
    }

    /** Whether {@code got} is within {@code allowed} of {@code reference} (NaN only matches NaN, infinities themselves). */
    public static boolean accepts(double got, double reference, double allowed) {
        if (Double.isNaN(got) || Double.isNaN(reference)) {
            return Double.isNaN(got) && Double.isNaN(reference);
        }
        if (Double.isInfinite(got) || Double.isInfinite(reference)) {
            return got == reference;
        }
        return Math.abs(got - reference) <= allowed;
    }

    /** Perturbed re-evaluations of the reference that measure the conditioning K. */
    public static final int DRAWS = 3;

    /** A floating-point tensor with every element multiplied by {@code 1 + eps e}, {@code e} random signs; integer tensors unchanged. */
    public static Tensor perturb(Tensor t, double eps, SplittableRandom rnd) {
        return t.isIntegral() ? t : t.map(v -> v * (1 + (rnd.nextBoolean() ? eps : -eps)));
    }

    /**
     * K_j: the largest finite change {@code |p_j - r_j|} of the reference's element over the
     * perturbed re-evaluations {@code p} (those of another shape are ignored).
     */
    public static double[] conditioning(Tensor reference, List<Tensor> perturbed) {
        double[] k = new double[reference.size()];
        for (Tensor p : perturbed) {
            if (p == null || !p.sameShape(reference)) {
                continue;
            }
            for (int j = 0; j < k.length; j++) {
                double d = Math.abs(p.get(j) - reference.get(j));
                k[j] = Double.isFinite(d) ? Math.max(k[j], d) : k[j];
            }
        }
        return k;
    }

    /**
     * {@link #cancellation} at every element of a tensor of {@code size} elements, F_j from
     * {@code formulaTerms} and K_j from {@code conditioning} (either may be {@code null} or of
     * another length: 0).
     */
    public static double[] cancellation(Dtype p, int size, double[] formulaTerms, double[] conditioning) {
        double[] a = new double[size];
        boolean ft = formulaTerms != null && formulaTerms.length == size;
        boolean kt = conditioning != null && conditioning.length == size;
        for (int j = 0; j < size; j++) {
            a[j] = cancellation(p, ft ? formulaTerms[j] : 0, kt ? conditioning[j] : 0);
        }
        return a;
    }
}
