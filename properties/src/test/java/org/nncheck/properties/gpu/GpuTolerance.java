package org.nncheck.properties.gpu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Precision;

/**
 * The tolerance of the OpenCL-vs-reference cross-check: a mixed forward-backward error bound,
 * derived, not tuned.
 *
 * <p>The reference runs in double on the SAME inputs the kernel receives (rounded to the kernel
 * precision first), so input rounding cancels out and only the kernel's own arithmetic is
 * measured. A kernel that is backward stable computes, up to a small forward error, the exact
 * result for inputs perturbed by a few units of roundoff (Higham, Accuracy and Stability of
 * Numerical Algorithms, 2nd ed., section 1.5); for a sum or dot product of L terms the
 * perturbation is at most gamma_L = L u per term and about sqrt(L) u for independent roundings
 * (Higham 3.1 and 3.5). So element j of an output r (reference) and g (OpenCL) must satisfy
 *
 * <pre>  |g_j - r_j| &lt;= C u |r_j| + max_d |ref(x (1 + s_d k u))_j - r_j| + tiny</pre>
 *
 * <ul>
 *   <li>u: unit roundoff of the kernel precision (2^-24 float32, 2^-53 float64).</li>
 *   <li>C = 32, the forward-error budget: OpenCL 1.2 (full profile, 7.4) bounds exp, log,
 *       expm1, log1p, sqrt at 3-4 ulp, tanh at 5, erfc and pow at 16, division at 2.5 ulp; one
 *       ulp is 2u; an element-wise kernel chains at most about four such operations: about
 *       16 ulp = 32 u.</li>
 *   <li>the perturbation term: the reference re-evaluated on every floating-point input and
 *       upstream gradient multiplied by (1 + s k u), s independent random signs, two draws
 *       d, with k = C sqrt(max(1, L)) and L the reduction length (0 for purely element-wise
 *       components, else the largest input size, an upper bound on any sum's length). This
 *       measures the conditioning of the output: large where results cancel (batch-norm dx,
 *       softmax gradients) or where an intermediate argument is amplified (erfc(-x/sqrt 2) at
 *       x = -20 has condition number 2 x^2 / 2 = 400), small elsewhere.</li>
 *   <li>for gradients whose formula cancels internally (softmax, log_softmax, the
 *       normalizations), plus C u times the sum of the formula's absolute terms
 *       (the entry's {@code Entry.formulaScale}).</li>
 *   <li>tiny: the smallest normal number of the precision: a true result below it may flush to
 *       zero (float32 underflow of e.g. tanh'(-80) = 1e-69; OpenCL devices may flush
 *       subnormals).</li>
 * </ul>
 */
public final class GpuTolerance {
    /** C: forward-error budget in units of u (see the class comment). */
    public static final double C = 32;

    private GpuTolerance() {
    }

    /** The perturbation size k u for a reduction length. */
    public static double perturbation(Precision p, long reductionLength) {
        return C * Math.sqrt(Math.max(1, reductionLength)) * p.unitRoundoff();
    }

    /** Every non-integral tensor multiplied element-wise by (1 + s eps), s random signs. */
    public static Map<String, Tensor> perturb(Map<String, Tensor> tensors, double eps, SplittableRandom rnd) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(k, t.isIntegral() ? t : t.map(v -> v * (1 + (rnd.nextBoolean() ? eps : -eps)))));
        return out;
    }

    /** The smallest normal number of the precision. */
    public static double tiny(Precision p) {
        return p == Precision.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    /** The allowed error at element j: C u |r_j| + conditioning_j + tiny. */
    public static double allowed(Precision p, double reference, double conditioning) {
        return C * p.unitRoundoff() * Math.abs(reference) + conditioning + tiny(p);
    }
}
