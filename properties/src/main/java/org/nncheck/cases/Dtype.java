package org.nncheck.cases;

import java.util.Locale;

/**
 * The precision a case was produced in, and the one precision type of nncheck: {@code verify},
 * the conformance kit ({@link org.nncheck.conformance.Allowance},
 * {@link org.nncheck.conformance.Rounding}) and the OpenCL checks all name a precision by one of
 * these four, with its unit roundoff, never by an arbitrary number. It picks the default
 * {@link Tolerance}; a tensor outside that default is compared with the larger of it and the
 * conditioning-aware part of the {@link org.nncheck.conformance.Allowance}
 * ({@link CaseVerifier}, docs/TOLERANCES.md).
 *
 * <p>Default tolerances (comparison {@code |reference - case| <= atol * s + rtol * |case|},
 * element-wise, {@code s = max(1, max |case|)} over the tensor: see {@link Tolerance}). The reference computes in double from the case's inputs (which are already
 * rounded to the case's dtype), so the difference measures the producing implementation's
 * own rounding: its output rounding (half an ulp, {@code u}) plus the accumulated rounding of
 * its computation, which for the reductions in this catalogue (sums of up to a few thousand
 * terms, pairwise or blocked as in every mainstream framework) stays within a few hundred
 * {@code u} relative to the magnitudes involved. See docs/TOLERANCES.md for the derivation and the
 * margins measured on the shared PyTorch cases.
 * <ul>
 *   <li>float64 ({@code u = 2^-53 = 1.1e-16}): rtol 1e-9, atol 1e-12.</li>
 *   <li>float32 ({@code u = 2^-24 = 6.0e-8}): rtol 2e-5, atol 2e-6.</li>
 *   <li>float16 ({@code u = 2^-11 = 4.9e-4}): rtol 1e-2, atol 1e-3.</li>
 *   <li>bfloat16 ({@code u = 2^-8 = 3.9e-3}): rtol 4e-2, atol 4e-3.</li>
 * </ul>
 */
public enum Dtype {
    FLOAT64("float64", 0x1p-53, new Tolerance(1e-9, 1e-12, true)),
    FLOAT32("float32", 0x1p-24, new Tolerance(2e-5, 2e-6, true)),
    FLOAT16("float16", 0x1p-11, new Tolerance(1e-2, 1e-3, true)),
    BFLOAT16("bfloat16", 0x1p-8, new Tolerance(4e-2, 4e-3, true));

    private final String jsonName;
    private final double unitRoundoff;
    private final Tolerance defaultTolerance;

    Dtype(String jsonName, double unitRoundoff, Tolerance defaultTolerance) {
        this.jsonName = jsonName;
        this.unitRoundoff = unitRoundoff;
        this.defaultTolerance = defaultTolerance;
    }

    /** Name as written in case files. */
    public String jsonName() {
        return jsonName;
    }

    /** Unit roundoff u (half an ulp of 1). */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /** The documented default tolerance. */
    public Tolerance defaultTolerance() {
        return defaultTolerance;
    }

    /** Parses a case file's dtype. */
    public static Dtype parse(String s) {
        for (Dtype d : values()) {
            if (d.jsonName.equals(s.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException(s);
    }
}
