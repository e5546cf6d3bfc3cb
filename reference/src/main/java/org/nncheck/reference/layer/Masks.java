package org.nncheck.reference.layer;

import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Checks of dropout masks. */
final class Masks {
    private Masks() {
    }

    /** Fails unless every element of the mask is 0 or 1 (SPEC: 1 = keep, 0 = drop). */
    static void requireBinary(String component, Tensor mask) {
        for (int i = 0; i < mask.size(); i++) {
            double v = mask.get(i);
            if (v != 0.0 && v != 1.0) {
                throw new ContractException(component + ": tensor 'mask' must hold 0 (drop) or 1 (keep), mask" + java.util.Arrays.toString(
                        mask.unravel(i)) + " = " + v + " (a mask already divided by (1-p) is not a SPEC mask)");
            }
        }
    }
}
