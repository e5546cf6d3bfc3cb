package org.nncheck.reference.layer;

import java.util.Map;
import org.nncheck.core.Tensor;

/**
 * A known mistake, kept so that {@code verify} can name it: {@code conv2d} computed as a true
 * (mathematical) convolution, i.e. with the kernel flipped on both spatial axes,
 * {@code y[n,f,i,j] = b[f] + sum w[f,c,HH-1-a,WW-1-e] xpad[n,c,i*S+a,j*S+e]}, as
 * {@code scipy.signal.convolve2d} does. Deep-learning frameworks (PyTorch, CS231n) use the
 * cross-correlation of {@link Conv2d}. The gradient {@code dw} is flipped back accordingly.
 */
public final class Conv2dFlippedKernel extends Conv2d {

    @Override
    Tensor kernel(Map<String, Tensor> inputs) {
        Tensor w = inputs.get("w");
        return Tensor.wrap(w.shape(), flip(w.toArray(), w.dim(0) * w.dim(1), w.dim(2), w.dim(3)));
    }

    @Override
    double[] kernelGradient(double[] dKernel, Geometry g) {
        return flip(dKernel, g.f() * g.groupChannels(), g.hh(), g.ww());
    }

    private static double[] flip(double[] k, int planes, int hh, int ww) {
        double[] out = new double[k.length];
        for (int p = 0; p < planes; p++) {
            for (int a = 0; a < hh; a++) {
                for (int e = 0; e < ww; e++) {
                    out[(p * hh + a) * ww + e] = k[(p * hh + (hh - 1 - a)) * ww + (ww - 1 - e)];
                }
            }
        }
        return out;
    }
}
