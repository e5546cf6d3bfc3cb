package org.nncheck.gradcheck;

/**
 * The relative-error tiers of the CS231n notes on gradient checks
 * (https://cs231n.github.io/neural-networks-3/#gradcheck): "relative error &gt; 1e-2 usually means
 * the gradient is probably wrong; 1e-2 &gt; relative error &gt; 1e-4 should make you feel
 * uncomfortable; 1e-4 &gt; relative error is usually okay for objectives with kinks [...];
 * 1e-7 and less you should be happy".
 */
public enum ErrorTier {
    /** &gt; 1e-2: the gradient is probably wrong. */
    WRONG,
    /** 1e-4 .. 1e-2: suspicious. */
    SUSPICIOUS,
    /** 1e-7 .. 1e-4: acceptable with kinks, too high for a smooth double-precision objective. */
    ACCEPTABLE_WITH_KINKS,
    /** &lt;= 1e-7: good. */
    GOOD;

    /** The tier of a relative error (NaN is {@link #WRONG}). */
    public static ErrorTier of(double relError) {
        if (!(relError <= 1e-2)) {
            return WRONG;
        }
        if (relError > 1e-4) {
            return SUSPICIOUS;
        }
        if (relError > 1e-7) {
            return ACCEPTABLE_WITH_KINKS;
        }
        return GOOD;
    }
}
