package org.nncheck.reference.init;

import java.util.Arrays;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;

/**
 * The fan rules of SPEC.md section 1 ("Initializers").
 *
 * <ul>
 *   <li>rank 2, dense weights {@code (D, M)} as in the CS231n lecture code ({@code x @ W}):
 *       {@code fan_in = D}, {@code fan_out = M}. Note that PyTorch stores a Linear weight as
 *       {@code (out, in)} and so reads fan_in from axis 1: the opposite axis.</li>
 *   <li>rank &gt;= 3, convolution weights {@code (F, C, k1, k2, ...)} (rank 4 is the SPEC's
 *       {@code (F, C, HH, WW)}; rank 3 and 5 follow the same rule, as PyTorch's
 *       {@code _calculate_fan_in_and_fan_out}): {@code fan_in = C * prod(k)},
 *       {@code fan_out = F * prod(k)}.</li>
 *   <li>rank 0 and 1 (a scalar, a bias vector): no fan is defined (PyTorch raises too); the
 *       parameters {@code fan_in}/{@code fan_out} must then be given.</li>
 * </ul>
 * The optional integer parameters {@code fan_in} and {@code fan_out} override the shape rule.
 */
public final class Fans {
    private Fans() {
    }

    /** The fan-in of a shape, or the {@code fan_in} parameter when given. */
    public static long fanIn(String component, int[] shape, Params params) {
        return fan(component, shape, params, "fan_in");
    }

    /** The fan-out of a shape, or the {@code fan_out} parameter when given. */
    public static long fanOut(String component, int[] shape, Params params) {
        return fan(component, shape, params, "fan_out");
    }

    private static long fan(String component, int[] shape, Params params, String which) {
        if (params.has(which)) {
            return params.getLong(which);
        }
        if (shape.length < 2) {
            throw new ContractException(component + ": tensor 'w' of shape " + Arrays.toString(shape)
                    + " has no " + which + " (rank 2 (D, M) or rank >= 3 (F, C, k...) needed); give parameter '"
                    + which + "'");
        }
        long receptive = 1;
        for (int i = 2; i < shape.length; i++) {
            receptive *= shape[i];
        }
        long fan;
        if (shape.length == 2) {
            fan = which.equals("fan_in") ? shape[0] : shape[1];
        } else {
            fan = (which.equals("fan_in") ? shape[1] : shape[0]) * receptive;
        }
        if (fan <= 0) {
            throw new ContractException(component + ": tensor 'w' of shape " + Arrays.toString(shape) + " gives "
                    + which + " = " + fan + "; give parameter '" + which + "'");
        }
        return fan;
    }
}
