package org.nncheck.gpu;

/**
 * Floating-point format the kernels compute in. Tensors (IEEE double) are rounded to this
 * format on the way in and widened back on the way out.
 */
public enum Precision {
    /** IEEE binary32; unit roundoff u = 2^-24. Every kernel has this form. */
    F32(0x1.0p-24, "float32"),
    /** IEEE binary64; unit roundoff u = 2^-53. Only on a device with cl_khr_fp64. */
    F64(0x1.0p-53, "float64");

    private final double unitRoundoff;
    private final String dtype;

    Precision(double unitRoundoff, String dtype) {
        this.unitRoundoff = unitRoundoff;
        this.dtype = dtype;
    }

    /** Unit roundoff u (half an ulp of 1). */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /** The case-file dtype name. */
    public String dtype() {
        return dtype;
    }

    /** Rounds a double to this format (identity for F64). */
    public double round(double v) {
        return this == F32 ? (double) (float) v : v;
    }
}
