package org.nncheck.reference.layer;

import org.nncheck.core.ContractException;

/**
 * The output-size rule shared by {@code conv2d}, {@code max_pool2d} and {@code avg_pool2d}
 * (CS231n "Convolutional Networks": {@code (W - F + 2P)/S + 1}).
 *
 * <p>Along one axis of length {@code n}, a window of length {@code k} with stride {@code s}
 * over the input zero-padded by {@code p} on both sides fits {@code (n + 2p - k)/s + 1}
 * times. The SPEC demands that the division be exact: when {@code (n + 2p - k)} is not a
 * multiple of {@code s}, or negative (window larger than the padded input), this is a
 * {@link ContractException} that names the component, the axis, the numbers and the rule.
 * (PyTorch instead floors the quotient and silently drops the last rows; the SPEC is
 * stricter on purpose, as CS231n's "hyperparameters must fit" rule.)
 */
final class Windows {
    private Windows() {
    }

    /**
     * The number of window positions along one axis.
     *
     * @param component component id for the message
     * @param axis axis name for the message ("height" or "width")
     * @param n input length
     * @param k window length
     * @param pad zero padding on each side
     * @param stride step between windows (at least 1)
     * @param what how the window and the parameters are called in the message
     */
    static int outputSize(String component, String axis, int n, int k, int pad, int stride, String what) {
        long span = (long) n + 2L * pad - k;
        if (span < 0) {
            throw new ContractException(component + ": " + what + " along " + axis + " does not fit: input " + axis + " " + n
                    + " + 2*pad " + pad + " = " + (n + 2L * pad) + " is smaller than the window " + k);
        }
        if (span % stride != 0) {
            throw new ContractException(component + ": output " + axis + " is not whole: (" + axis + " + 2*pad - window) / stride = ("
                    + n + " + 2*" + pad + " - " + k + ") / " + stride + " = " + span + "/" + stride
                    + "; choose stride, pad and the window so that (H + 2P - HH) is divisible by S");
        }
        long out = span / stride + 1;
        if (out > Integer.MAX_VALUE) {
            throw new ContractException(component + ": output " + axis + " = (" + n + " + 2*" + pad + " - " + k + ") / " + stride
                    + " + 1 = " + out + " is too large for a tensor axis");
        }
        return (int) out;
    }
}
