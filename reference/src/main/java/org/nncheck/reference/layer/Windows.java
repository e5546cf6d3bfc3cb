package org.nncheck.reference.layer;

import org.nncheck.core.ContractException;

/**
 * The output-size rules shared by {@code conv2d}, {@code max_pool2d} and {@code avg_pool2d}
 * (SPEC v1.1, layers table), as PyTorch ({@code torch.nn.Conv2d}, {@code torch.nn.MaxPool2d}
 * documentation, "Shape" sections; {@code pooling_output_shape} in ATen's
 * {@code Pool.h}) and ONNX ({@code Conv}, {@code MaxPool}, {@code AveragePool} operator
 * specifications) compute them.
 *
 * <p>Along one axis of length {@code n}, zero-padded by {@code p} on both sides, a window of
 * {@code k} taps spaced {@code d} apart (dilation; its extent is {@code d (k - 1) + 1}) moved by
 * stride {@code s} fits {@code floor((n + 2p - d (k - 1) - 1) / s) + 1} times: rows or columns
 * that the last window does not reach are ignored. With {@code ceil_mode} (pooling) the
 * quotient is rounded up, and then, by PyTorch's rule, the last window is dropped again when it
 * would start at or after {@code n + p}, i.e. in the right padding: every window starts inside
 * the input or the left padding. An output length below 1 (the window is longer than the padded
 * input) is a {@link ContractException} naming the component, the axis and the numbers.
 */
final class Windows {
    private Windows() {
    }

    /**
     * The number of {@code conv2d} filter positions along one axis (floor).
     *
     * @param component component id for the message
     * @param axis axis name for the message ("height" or "width")
     * @param n input length
     * @param k filter taps
     * @param pad zero padding on each side
     * @param stride step between filter positions (at least 1)
     * @param dilation spacing of the taps (at least 1)
     */
    static int convOutputSize(String component, String axis, int n, int k, int pad, int stride, int dilation) {
        long extent = (long) dilation * (k - 1) + 1;
        long span = (long) n + 2L * pad - extent;
        if (span < 0) {
            throw new ContractException(component + ": the filter along " + axis + " does not fit: input " + axis + " " + n
                    + " + 2*pad " + pad + " = " + (n + 2L * pad) + " is smaller than the dilated filter extent dilation*(" + k
                    + " - 1) + 1 = " + extent + ", so the output " + axis + " floor((" + n + " + 2*" + pad + " - " + dilation
                    + "*(" + k + " - 1) - 1) / " + stride + ") + 1 would be below 1");
        }
        return checked(component, axis, span / stride + 1);
    }

    /**
     * The number of pooling windows along one axis: floor, or ceil with PyTorch's last-window
     * rule when {@code ceilMode}. The padding must be smaller than the window, so that every
     * window holds at least one input element (padding never wins a maximum and an average
     * never divides by zero); PyTorch demands even {@code pad <= k/2}.
     *
     * @param component component id for the message
     * @param axis axis name for the message ("height" or "width")
     * @param n input length
     * @param k window length
     * @param pad padding on each side
     * @param stride step between windows (at least 1)
     * @param ceilMode round the quotient up (PyTorch's and ONNX's {@code ceil_mode})
     * @param what how the window parameter is called in the message
     */
    static int poolOutputSize(String component, String axis, int n, int k, int pad, int stride, boolean ceilMode, String what) {
        if (pad >= k) {
            throw new ContractException(component + ": pad " + pad + " must be smaller than " + what + " " + k
                    + ", or a window along " + axis + " would lie entirely in the padding");
        }
        long span = (long) n + 2L * pad - k;
        if (span < 0) {
            throw new ContractException(component + ": " + what + " along " + axis + " does not fit: input " + axis + " " + n
                    + " + 2*pad " + pad + " = " + (n + 2L * pad) + " is smaller than the window " + k
                    + ", so the output " + axis + " would be below 1");
        }
        long out = (ceilMode ? Math.floorDiv(span + stride - 1, stride) : span / stride) + 1;
        if (ceilMode && (out - 1) * stride >= (long) n + pad) {
            out--; // PyTorch: the last window must start inside the input or the left padding
        }
        return checked(component, axis, out);
    }

    /** A ContractException naming the component when an array of these dimensions would exceed 2^31 - 1 elements. */
    static void requireElements(String component, String what, int... dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ContractException(component + ": the " + what + " would have more than 2^31 - 1 elements "
                        + java.util.Arrays.toString(dims) + " (stride, pad or dilation too large for this input?)");
            }
        }
    }

    private static int checked(String component, String axis, long out) {
        if (out > Integer.MAX_VALUE) {
            throw new ContractException(component + ": output " + axis + " " + out + " is too large for a tensor axis");
        }
        return (int) out;
    }
}
