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
 * {@code torch.nn.functional.conv2d}, ONNX's {@code Conv} and CS231n's
 * {@code conv_forward_naive}:
 *
 * <pre>
 * y[n, f, i, j] = b[f] + sum_{c', a, e} w[f, c', a, e] * xpad[n, g(f)*C/G + c', i*S + a*D, j*S + e*D]
 * </pre>
 *
 * where {@code xpad} is {@code x} with {@code P} zeros on each side of both spatial axes,
 * {@code G} the number of groups and {@code g(f) = f / (F/G)} the group of filter {@code f}:
 * filter {@code f} sees only the {@code C/G} input channels of its group (PyTorch's
 * {@code groups}; {@code G = C = F} is a depthwise convolution).
 *
 * <p>Shapes: {@code x (N, C, H, W)}, {@code w (F, C/G, HH, WW)}, {@code b (F)}, with C and F
 * divisible by G; {@code y (N, F, H', W')} with
 * {@code H' = floor((H + 2P - D(HH - 1) - 1)/S) + 1} and the same for W' (SPEC v1.1; the
 * formula of PyTorch's {@code Conv2d} documentation and ONNX): rows or columns the last window
 * does not reach are ignored; {@code H' < 1} is a {@link ContractException}. Parameters:
 * {@code stride} S, {@code pad} P, {@code dilation} D, {@code groups} G (the same on both axes;
 * defaults in the catalogue entry).
 *
 * <p>Example (CS231n): input 32x32x3, ten 5x5 filters, stride 1, pad 2 gives 32x32x10
 * ({@code (32 + 4 - 5)/1 + 1 = 32}) with {@code 10*(5*5*3) + 10 = 760} parameters.
 *
 * <p>Backward: {@code dx} is the transposed convolution of {@code dy} with {@code w} (the
 * adjoint of the forward, cropped back to the unpadded input; input rows that no window
 * reaches get 0), {@code dw[f,c',a,e] = sum dy[n,f,i,j] xpad[n,g(f)C/G+c',i*S+a*D,j*S+e*D]},
 * {@code db[f] = sum dy[n,f,:,:]}.
 *
 * <p>Implementation: the fast path lowers each (sample, group) to an im2col matrix
 * {@code (C/G*HH*WW, H'*W')} and multiplies with EJML in double ({@link #forwardIm2col},
 * {@link #backwardIm2col}); the plain loops {@link #forwardDirect} and {@link #backwardDirect}
 * are kept as the readable definition and the tests prove both equal. Inputs are never
 * modified. Smooth: no kinks. A flipped kernel (true convolution) is a known mistake: see
 * {@link Conv2dFlippedKernel}.
 *
 * <p>Accuracy (measured with {@code nncheck verify examples/cases}, 2026-12-02): the PyTorch 1.13
 * float64 cases (stride 1/2/3, pad 0/1/2, dilation 2, groups 2/3, depthwise, floored sizes) are
 * matched to a relative error of at most 7e-14; the fast path equals the direct loop to 1e-12
 * absolute on random geometries (ConvProperties, Conv2dTest).
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
     * @param dilation spacing D of the filter taps
     * @param groups channel groups G
     * @param ho output height H'
     * @param wo output width W'
     */
    public record Geometry(int n, int c, int h, int w, int f, int hh, int ww, int stride, int pad, int dilation, int groups,
                           int ho, int wo) {

        /**
         * Checks the shapes of x, w (and b when not null) against the parameters and computes
         * the output size.
         */
        public static Geometry of(String id, Tensor x, Tensor w, Tensor b, int stride, int pad, int dilation, int groups) {
            Inputs.requireRank(id, "x", x, 4);
            Inputs.requireRank(id, "w", w, 4);
            if (x.dim(1) % groups != 0 || w.dim(0) % groups != 0) {
                throw new ContractException(id + ": groups = " + groups + " must divide the input channels C = " + x.dim(1)
                        + " (x " + x.shapeString() + ") and the filters F = " + w.dim(0) + " (w " + w.shapeString() + ")");
            }
            if (w.dim(1) * groups != x.dim(1)) {
                throw new ContractException(id + ": tensor 'w' must have shape (F, C/groups, HH, WW) with C/groups = "
                        + x.dim(1) / groups + " (C = " + x.dim(1) + " channels of x " + x.shapeString() + ", groups = "
                        + groups + "), got " + w.shapeString());
            }
            if (b != null) {
                Inputs.requireShape(id, "b", b, w.dim(0));
            }
            int ho = Windows.convOutputSize(id, "height", x.dim(2), w.dim(2), pad, stride, dilation);
            int wo = Windows.convOutputSize(id, "width", x.dim(3), w.dim(3), pad, stride, dilation);
            Windows.requireElements(id, "output y", x.dim(0), w.dim(0), ho, wo);
            Windows.requireElements(id, "im2col matrix of one sample and group", w.dim(1) * w.dim(2) * w.dim(3), ho, wo);
            return new Geometry(x.dim(0), x.dim(1), x.dim(2), x.dim(3), w.dim(0), w.dim(2), w.dim(3), stride, pad, dilation,
                    groups, ho, wo);
        }

        /** The output shape (N, F, H', W'). */
        public int[] outputShape() {
            return new int[] {n, f, ho, wo};
        }

        /** Input channels per group, C/G. */
        public int groupChannels() {
            return c / groups;
        }

        /** Filters per group, F/G. */
        public int groupFilters() {
            return f / groups;
        }

        /** Input row of output row i and filter row a (may lie in the padding). */
        int row(int i, int a) {
            return i * stride + a * dilation - pad;
        }

        /** Input column of output column j and filter column e (may lie in the padding). */
        int col(int j, int e) {
            return j * stride + e * dilation - pad;
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
        return Geometry.of(id, x, w, b, params.getInt("stride"), params.getInt("pad"), params.getInt("dilation"),
                params.getInt("groups"));
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
        out.put("dw", Tensor.wrap(new int[] {g.f, g.groupChannels(), g.hh, g.ww}, kernelGradient(gr.dw(), g)));
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

    /** The im2col matrix of sample {@code n}, group {@code gr}: rows (c', a, e), columns (i, j). */
    private static DMatrixRMaj im2col(Geometry g, double[] x, int n, int gr) {
        int cg = g.groupChannels();
        int p = g.ho * g.wo;
        DMatrixRMaj cols = new DMatrixRMaj(cg * g.hh * g.ww, p);
        for (int cl = 0; cl < cg; cl++) {
            int xBase = (n * g.c + gr * cg + cl) * g.h * g.w;
            for (int a = 0; a < g.hh; a++) {
                for (int e = 0; e < g.ww; e++) {
                    int row = ((cl * g.hh) + a) * g.ww + e;
                    for (int i = 0; i < g.ho; i++) {
                        int ih = g.row(i, a);
                        if (ih < 0 || ih >= g.h) {
                            continue;
                        }
                        for (int j = 0; j < g.wo; j++) {
                            int iw = g.col(j, e);
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

    /** Adds the im2col-shaped gradient {@code dcols} of sample n, group gr back into dx (col2im). */
    private static void col2im(Geometry g, DMatrixRMaj dcols, double[] dx, int n, int gr) {
        int cg = g.groupChannels();
        int p = g.ho * g.wo;
        for (int cl = 0; cl < cg; cl++) {
            int xBase = (n * g.c + gr * cg + cl) * g.h * g.w;
            for (int a = 0; a < g.hh; a++) {
                for (int e = 0; e < g.ww; e++) {
                    int row = ((cl * g.hh) + a) * g.ww + e;
                    for (int i = 0; i < g.ho; i++) {
                        int ih = g.row(i, a);
                        if (ih < 0 || ih >= g.h) {
                            continue;
                        }
                        for (int j = 0; j < g.wo; j++) {
                            int iw = g.col(j, e);
                            if (iw >= 0 && iw < g.w) {
                                dx[xBase + ih * g.w + iw] += dcols.data[row * p + i * g.wo + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The (F/G, C/G*HH*WW) block of w (or dw) that group gr uses. */
    private static DMatrixRMaj groupBlock(Geometry g, double[] w, int gr) {
        int k = g.groupChannels() * g.hh * g.ww;
        int fg = g.groupFilters();
        DMatrixRMaj m = new DMatrixRMaj(fg, k);
        System.arraycopy(w, gr * fg * k, m.data, 0, fg * k);
        return m;
    }

    /** Fast forward: per sample and group, {@code Y_n,g = W_g (F/G, C/G*HH*WW) * im2col(x_n, g) + b}. */
    public static double[] forwardIm2col(Geometry g, double[] w, double[] x, double[] b) {
        int p = g.ho * g.wo;
        int fg = g.groupFilters();
        DMatrixRMaj yn = new DMatrixRMaj(fg, p);
        double[] y = new double[g.n * g.f * p];
        for (int gr = 0; gr < g.groups; gr++) {
            DMatrixRMaj wm = groupBlock(g, w, gr);
            for (int n = 0; n < g.n; n++) {
                CommonOps_DDRM.mult(wm, im2col(g, x, n, gr), yn);
                for (int fl = 0; fl < fg; fl++) {
                    int f = gr * fg + fl;
                    for (int q = 0; q < p; q++) {
                        y[(n * g.f + f) * p + q] = yn.data[fl * p + q] + b[f];
                    }
                }
            }
        }
        return y;
    }

    /**
     * Fast backward: per group, {@code dW_g = sum_n dY_n,g cols_n,g^T}, {@code dcols = W_g^T dY_n,g}
     * scattered back (col2im).
     */
    public static Gradients backwardIm2col(Geometry g, double[] w, double[] x, double[] dy) {
        int k = g.groupChannels() * g.hh * g.ww;
        int p = g.ho * g.wo;
        int fg = g.groupFilters();
        double[] dx = new double[g.n * g.c * g.h * g.w];
        double[] dw = new double[g.f * k];
        double[] db = new double[g.f];
        DMatrixRMaj dcols = new DMatrixRMaj(k, p);
        DMatrixRMaj dyn = new DMatrixRMaj(fg, p);
        for (int gr = 0; gr < g.groups; gr++) {
            DMatrixRMaj wm = groupBlock(g, w, gr);
            DMatrixRMaj dwm = new DMatrixRMaj(fg, k);
            for (int n = 0; n < g.n; n++) {
                System.arraycopy(dy, (n * g.f + gr * fg) * p, dyn.data, 0, fg * p);
                for (int fl = 0; fl < fg; fl++) {
                    for (int q = 0; q < p; q++) {
                        db[gr * fg + fl] += dyn.data[fl * p + q];
                    }
                }
                CommonOps_DDRM.multAddTransB(dyn, im2col(g, x, n, gr), dwm);
                CommonOps_DDRM.multTransA(wm, dyn, dcols);
                col2im(g, dcols, dx, n, gr);
            }
            System.arraycopy(dwm.data, 0, dw, gr * fg * k, fg * k);
        }
        return new Gradients(dx, dw, db);
    }

    /** Flat index of w[f, c', a, e]. */
    private static int wIndex(Geometry g, int f, int cl, int a, int e) {
        return ((f * g.groupChannels() + cl) * g.hh + a) * g.ww + e;
    }

    /** Flat index of x[n, c, ih, iw]. */
    private static int xIndex(Geometry g, int n, int c, int ih, int iw) {
        return ((n * g.c + c) * g.h + ih) * g.w + iw;
    }

    /** The definition as plain loops (slow; the oracle of the fast path). */
    public static double[] forwardDirect(Geometry g, double[] w, double[] x, double[] b) {
        double[] y = new double[g.n * g.f * g.ho * g.wo];
        int cg = g.groupChannels();
        for (int n = 0; n < g.n; n++) {
            for (int f = 0; f < g.f; f++) {
                int c0 = f / g.groupFilters() * cg;
                for (int i = 0; i < g.ho; i++) {
                    for (int j = 0; j < g.wo; j++) {
                        double s = b[f];
                        for (int cl = 0; cl < cg; cl++) {
                            for (int a = 0; a < g.hh; a++) {
                                int ih = g.row(i, a);
                                for (int e = 0; e < g.ww; e++) {
                                    int iw = g.col(j, e);
                                    if (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) {
                                        s += w[wIndex(g, f, cl, a, e)] * x[xIndex(g, n, c0 + cl, ih, iw)];
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
        int cg = g.groupChannels();
        double[] dx = new double[g.n * g.c * g.h * g.w];
        double[] dw = new double[g.f * cg * g.hh * g.ww];
        double[] db = new double[g.f];
        for (int n = 0; n < g.n; n++) {
            for (int f = 0; f < g.f; f++) {
                int c0 = f / g.groupFilters() * cg;
                for (int i = 0; i < g.ho; i++) {
                    for (int j = 0; j < g.wo; j++) {
                        double d = dy[((n * g.f + f) * g.ho + i) * g.wo + j];
                        db[f] += d;
                        for (int cl = 0; cl < cg; cl++) {
                            for (int a = 0; a < g.hh; a++) {
                                int ih = g.row(i, a);
                                for (int e = 0; e < g.ww; e++) {
                                    int iw = g.col(j, e);
                                    if (ih >= 0 && ih < g.h && iw >= 0 && iw < g.w) {
                                        int wi = wIndex(g, f, cl, a, e);
                                        int xi = xIndex(g, n, c0 + cl, ih, iw);
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
