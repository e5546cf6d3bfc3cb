package org.nncheck.reference.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code conv2d}: a 2-D convolution layer in the deep-learning sense, i.e. a
 * cross-correlation (the kernel is NOT flipped), exactly as PyTorch's
 * {@code torch.nn.functional.conv2d} and CS231n's {@code conv_forward_naive}:
 *
 * <pre>
 * y[n, f, i, j] = b[f] + sum_{c, a, e} w[f, c, a, e] * xpad[n, c, i*S + a, j*S + e]
 * </pre>
 *
 * where {@code xpad} is {@code x} with {@code P} zeros on each side of both spatial axes.
 *
 * <p>Shapes: {@code x (N, C, H, W)}, {@code w (F, C, HH, WW)}, {@code b (F)};
 * {@code y (N, F, H', W')} with {@code H' = (H + 2P - HH)/S + 1} and
 * {@code W' = (W + 2P - WW)/S + 1}. When a division is not exact this is a
 * {@link ContractException} (SPEC; PyTorch would floor). Parameters: {@code stride} S (1),
 * {@code pad} P (0), the same on both axes.
 *
 * <p>Example (CS231n): input 32x32x3, ten 5x5 filters, stride 1, pad 2 gives 32x32x10
 * ({@code (32 + 4 - 5)/1 + 1 = 32}) with {@code 10*(5*5*3) + 10 = 760} parameters.
 *
 * <p>Backward: {@code dx} is the transposed convolution of {@code dy} with {@code w} (the
 * adjoint of the forward, cropped back to the unpadded input), {@code dw[f,c,a,e] = sum
 * dy[n,f,i,j] xpad[n,c,i*S+a,j*S+e]}, {@code db[f] = sum dy[n,f,:,:]}.
 *
 * <p>Implementation: the fast path lowers each sample to an im2col matrix {@code (C*HH*WW,
 * H'*W')} and multiplies with EJML in double ({@link #forwardIm2col}, {@link #backwardIm2col});
 * the plain six-deep loops {@link #forwardDirect} and {@link #backwardDirect} are kept as the
 * readable definition and the tests prove both equal. Inputs are never modified. Smooth: no
 * kinks. A flipped kernel (true convolution) is a known mistake: see
 * {@link Conv2dFlippedKernel}.
 *
 * <p>Accuracy (measured): the PyTorch 1.13 float64 cases (stride 1/2, pad 0/1) are matched to a
 * relative error of at most 2e-14; the fast path equals the direct loop to 1e-12 absolute on
 * random geometries (ConvProperties).
 */
public class Conv2d implements Component {
    static final String ID = "conv2d";

    /**
     * The validated geometry of one call.
     *
     * @param n batch
     * @param c input channels
     * @param h input height
     * @param w input width
     * @param f filters
     * @param hh filter height
     * @param ww filter width
     * @param stride stride S
     * @param pad zero padding P
     * @param ho output height H'
     * @param wo output width W'
     */
    public record Geometry(int n, int c, int h, int w, int f, int hh, int ww, int stride, int pad, int ho, int wo) {

        /** Checks the shapes of x, w (and b when not null) and computes the output size. */
        public static Geometry of(String id, Tensor x, Tensor w, Tensor b, int stride, int pad) {
            Inputs.requireRank(id, "x", x, 4);
            Inputs.requireRank(id, "w", w, 4);
            if (w.dim(1) != x.dim(1)) {
                throw new ContractException(id + ": tensor 'w' must have shape (F, C, HH, WW) with C = " + x.dim(1)
                        + " (the channels of x " + x.shapeString() + "), got " + w.shapeString());
            }
            if (b != null) {
                Inputs.requireShape(id, "b", b, w.dim(0));
            }
            int ho = Windows.outputSize(id, "height", x.dim(2), w.dim(2), pad, stride, "the filter");
            int wo = Windows.outputSize(id, "width", x.dim(3), w.dim(3), pad, stride, "the filter");
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3), stride, pad, ho, wo);
        }

        /** The output shape (N, F, H', W'). */
        public int[] outputShape() {
            return new int[] {n, f, ho, wo};
        }
    }

    /** The gradients of one backward call. */
    public record Gradients(double[] dx, double[] dw, double[] db) {
    }

    @Override
    public String id() {
        return ID;
    }

    private static Geometry geometry(Map<String, Tensor> inputs, Params params, String id) {
        Tensor x = Inputs.require(id, inputs, "x");
        Tensor w = Inputs.require(id, inputs, "w");
        Tensor b = Inputs.require(id, inputs, "b");
        return Geometry.of(id, x, w, b, params.getInt("stride"), params.getInt("pad"));
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Geometry g = geometry(inputs, params, id());
        double[] y = forwardIm2col(g, kernel(inputs).toArray(), data(inputs, "x"), data(inputs, "b"));
        return Map.of("y", Tensor.wrap(g.outputShape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Geometry g = geometry(inputs, params, id());
        Tensor dy = Inputs.upstream(id(), upstream, "dy", Tensor.zeros(g.outputShape()));
        Gradients gr = backwardIm2col(g, kernel(inputs).toArray(), data(inputs, "x"), dy.toArray());
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("dx", Tensor.wrap(new int[] {g.n, g.c, g.h, g.w}, gr.dx()));
        out.put("dw", Tensor.wrap(new int[] {g.f, g.c, g.hh, g.ww}, kernelGradient(gr.dw(), g)));
        out.put("db", Tensor.wrap(new int[] {g.f}, gr.db()));
        return out;
    }

    /** The kernel the forward slides (the given w; a variant flips it). */
    Tensor kernel(Map<String, Tensor> inputs) {
        return inputs.get("w");
    }

    /** Maps the gradient of the slid kernel back to the gradient of the given w. */
    double[] kernelGradient(double[] dKernel, Geometry g) {
        return dKernel;
    }

    private static double[] data(Map<String, Tensor> inputs, String name) {
        return inputs.get(name).toArray();
    }

    /** The im2col matrix of sample {@code n}: rows (c, a, e), columns (i, j). */
    private static DMatrixRMaj im2col(Geometry g, double[] x, int n) {
        int k = g.c * g.hh * g.ww;
        int p = g.ho * g.wo;
        DMatrixRMaj cols = new DMatrixRMaj(k, p);
        for (int c = 0; c < g.c; c++) {
            int xBase = (n * g.c + c) * g.h * g.w;
            for (int a = 0; a < g.hh; a++) {
                for (int e = 0; e < g.ww; e++) {
                    int row = ((c * g.hh) + a) * g.ww + e;
                    for (int i = 0; i < g.ho; i++) {
                        int ih = i * g.stride + a - g.pad;
                        if (ih < 0 || ih >= g.h) {
                            continue;
                        }
                        for (int j = 0; j < g.wo; j++) {
                            int iw = j * g.stride + e - g.pad;
                            if (iw >= 0 && iw < g.w) {
                                cols.data[row * p + i * g.wo + j] = x[xBase + ih * g.w + iw];
                            }
                        }
                    }
                }
            }
        }
        return cols;
    }

    /** Fast forward: per sample, {@code Y_n = W (F, C*HH*WW) * im2col(x_n) + b}. */
    public static double[] forwardIm2col(Geometry g, double[] w, double[] x, double[] b) {
        int k = g.c * g.hh * g.ww;
        int p = g.ho * g.wo;
        DMatrixRMaj wm = DMatrixRMaj.wrap(g.f, k, w);
        DMatrixRMaj yn = new DMatrixRMaj(g.f, p);
        double[] y = new double[g.n * g.f * p];
        for (int n = 0; n < g.n; n++) {
            CommonOps_DDRM.mult(wm, im2col(g, x, n), yn);
            for (int f = 0; f < g.f; f++) {
                for (int q = 0; q < p; q++) {
                    y[(n * g.f + f) * p + q] = yn.data[f * p + q] + b[f];
                }
            }
        }
        return y;
    }

    /** Fast backward: {@code dW = sum_n dY_n cols_n^T}, {@code dcols = W^T dY_n} scattered back (col2im). */
    public static Gradients backwardIm2col(Geometry g, double[] w, double[] x, double[] dy) {
        int k = g.c * g.hh * g.ww;
        int p = g.ho * g.wo;
        DMatrixRMaj wm = DMatrixRMaj.wrap(g.f, k, w);
        DMatrixRMaj dwm = new DMatrixRMaj(g.f, k);
        DMatrixRMaj dcols = new DMatrixRMaj(k, p);
        double[] dx = new double[g.n * g.c * g.h * g.w];
        double[] db = new double[g.f];
        for (int n = 0; n < g.n; n++) {
            DMatrixRMaj dyn = new DMatrixRMaj(g.f, p);
            System.arraycopy(dy, n * g.f * p, dyn.data, 0, g.f * p);
            for (int f = 0; f < g.f; f++) {
                for (int q = 0; q < p; q++) {
                    db[f] += dyn.data[f * p + q];
                }
            }
            CommonOps_DDRM.multAddTransB(dyn, im2col(g, x, n), dwm);
            CommonOps_DDRM.multTransA(wm, dyn, dcols);
            for (int c = 0; c < g.c; c++) {
                int xBase = (n * g.c + c) * g.h * g.w;
                for (int a = 0; a < g.hh; a++) {
                    for (int e = 0; e < g.ww; e++) {
                        int row = ((c * g.hh) + a) * g.ww + e;
                        for (int i = 0; i < g.ho; i++) {
                            int ih = i * g.stride + a - g.pad;
                            if (ih < 0 || ih >= g.h) {
                                continue;
                            }
                            for (int j = 0; j < g.wo; j++) {
                                int iw = j * g.stride + e - g.pad;
                                if (iw >= 0 && iw < g.w) {
                                    dx[xBase + ih * g.w + iw] += dcols.data[row * p + i * g.wo + j];
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Gradients(dx, dwm.data, db);
    }

    /** The definition as plain loops (slow; the oracle of the fast path). */
    public static double[] forwardDirect(Geometry g, double[] w, double[] x, double[] b) {
        double[] y = new double[g.n * g.f * g.ho * g.wo];
        for (int n = 0; n < g.n; n++) {
            for (int f = 0; f < g.f; f++) {
                for (int i = 0; i < g.ho; i++) {
                    for (int j = 0; j < g.wo; j++) {
                        double s = b[f];
                        for (int c = 0; c < g.c; c++) {
                            for (int a = 0; a < g.hh; a++) {
                                int ih = i * g.stride + a - g.pad;
                                for (int e = 0; e < g.ww; e++) {
                                    int iw = j * g.stride + e - g.pad;
                                    if (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) {
                                        s += w[((f * g.c + c) * g.hh + a) * g.ww + e] * x[((n * g.c + c) * g.h + ih) * g.w + iw];
                                    }
                                }
                            }
                        }
                        y[((n * g.f + f) * g.ho + i) * g.wo + j] = s;
                    }
                }
            }
        }
        return y;
    }

    /** The backward as plain loops (slow; the oracle of the fast path). */
    public static Gradients backwardDirect(Geometry g, double[] w, double[] x, double[] dy) {
        double[] dx = new double[g.n * g.c * g.h * g.w];
        double[] dw = new double[g.f * g.c * g.hh * g.ww];
        double[] db = new double[g.f];
        for (int n = 0; n < g.n; n++) {
            for (int f = 0; f < g.f; f++) {
                for (int i = 0; i < g.ho; i++) {
                    for (int j = 0; j < g.wo; j++) {
                        double d = dy[((n * g.f + f) * g.ho + i) * g.wo + j];
                        db[f] += d;
                        for (int c = 0; c < g.c; c++) {
                            for (int a = 0; a < g.hh; a++) {
                                int ih = i * g.stride + a - g.pad;
                                for (int e = 0; e < g.ww; e++) {
                                    int iw = j * g.stride + e - g.pad;
                                    if (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) {
                                        int wi = ((f * g.c + c) * g.hh + a) * g.ww + e;
                                        int xi = ((n * g.c + c) * g.h + ih) * g.w + iw;
                                        dx[xi] += w[wi] * d;
                                        dw[wi] += x[xi] * d;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Gradients(dx, dw, db);
    }
}
