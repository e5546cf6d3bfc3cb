package org.nncheck.properties.gpu;

import org.nncheck.core.Tensor;
import org.nncheck.gpu.Precision;

/**
 * The tolerance of the OpenCL-vs-reference cross-check, derived, not tuned.
 *
 * <p>The reference runs in double on the SAME inputs the kernel receives (rounded to the kernel
 * precision first), so input rounding cancels out and only the kernel's arithmetic error is
 * measured. For element j of an output tensor r (reference) and g (OpenCL):
 *
 * <pre>  |g_j - r_j| &lt;= C u (|r_j| + sqrt(L) S),   S = max_k |r_k|</pre>
 *
 * <ul>
 *   <li>u: unit roundoff of the kernel precision (2^-24 float32, 2^-53 float64).</li>
 *   <li>C = 32: OpenCL 1.2 (full profile, section 7.4) bounds exp, log, expm1, log1p, sqrt at
 *       3-4 ulp, tanh at 5 ulp, pow at 16 ulp, division at 2.5 ulp, erfc at 16 ulp; one ulp is
 *       2u. An element-wise kernel chains at most about four such operations whose errors
 *       add, with condition numbers near 1 by construction (stable forms): at most about
 *       16 ulp = 32 u.</li>
 *   <li>L: reduction length of the output (the number of terms a sum/dot product adds), 0 for
 *       purely element-wise outputs. A floating-point sum of L terms has error at most
 *       gamma_L sum|terms| (Higham, Accuracy and Stability of Numerical Algorithms, 3.1), and
 *       about sqrt(L) u sum|terms| for independent roundings (Higham 3.5 / Wilkinson's rule of
 *       thumb); the terms' scale is estimated by the largest output magnitude S of the tensor
 *       (a normwise bound, as numpy.allclose's atol is meant to be used).</li>
 * </ul>
 */
public final class GpuTolerance {
    /** C: ulp budget in units of u (see the class comment). */
    public static final double C = 32;

    private GpuTolerance() {
    }

    /** The largest magnitude of a tensor (the S of the bound). */
    public static double scale(Tensor r) {
        double s = 0;
        for (int i = 0; i < r.size(); i++) {
            double v = Math.abs(r.get(i));
            if (Double.isFinite(v)) {
                s = Math.max(s, v);
            }
        }
        return s;
    }

    /** The allowed error at element j of reference tensor r. */
    public static double allowed(Precision p, Tensor r, int j, long reductionLength, double scale) {
        return C * p.unitRoundoff() * (Math.abs(r.get(j)) + Math.sqrt(reductionLength) * scale);
    }
}
