package org.nncheck.gpu.components;

import java.util.Arrays;
import java.util.Map;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.ConvOps.Geometry;
import org.nncheck.reference.layer.Conv2d;

/**
 * conv2d as im2col + register-blocked GEMM, with the SPEC v1.1 parameters stride, pad, dilation
 * and groups read from the validated {@link Params} (defaults live in the catalogue entry only);
 * shapes and the output size (floor) are checked by the reference's {@link Conv2d.Geometry}, so
 * both implementations accept and refuse the same calls with the same messages.
 *
 * <p>With cols = im2col(x) (C HH WW, N H' W'), which the GEMM kernel reads through its index map
 * instead of storing it: forward, per channel group g, y_g = w_g cols_g + b_g, written straight
 * in NCHW order. Backward, per group: dw_g = dY_g cols_g^T, dcols_g = w_g^T dY_g; dx =
 * col2im(dcols) (a gather), db = sum of dY rows.
 */
public final class GpuConv2d extends GpuComponent {
    public GpuConv2d(Precision p) {
        super("conv2d", p);
    }

    private Conv2d.Geometry geometry(Tensor x, Tensor w, Tensor b, Params p) {
        return Conv2d.Geometry.of(id(), x, w, b, p.getInt("stride"), p.getInt("pad"), p.getInt("dilation"), p.getInt("groups"));
    }

    /** Rows [group * rows, (group + 1) * rows) of a row-major matrix with {@code cols} columns (m itself when that is all of it). */
    private static double[] rows(double[] m, int group, int rows, int cols) {
        return m.length == rows * cols ? m : Arrays.copyOfRange(m, group * rows * cols, (group + 1) * rows * cols);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        Conv2d.Geometry rg = geometry(x, w, b, params);
        Geometry g = Geometry.of(rg);
        double[] xs = x.toArray();
        int fg = rg.groupFilters();
        int cg = rg.groupChannels();
        int kg = cg * g.hh() * g.ww();
        int hw = g.ho() * g.wo();
        double[] y = new double[g.n() * g.f() * hw];
        for (int gr = 0; gr < rg.groups(); gr++) {
            int c0 = gr * cg;
            double[] wg = rows(w.toArray(), gr, fg, kg);
            double[] bg = rows(b.toArray(), gr, fg, 1);
            double[] yg = Kernels.gemm(precision, k -> k.convForward(wg, xs, bg, fg, g, c0, cg));
            for (int n = 0; n < g.n(); n++) {
                System.arraycopy(yg, n * fg * hw, y, (n * g.f() + gr * fg) * hw, fg * hw);
            }
        }
        return Map.of("y", out(rg.outputShape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        Conv2d.Geometry rg = geometry(x, w, b, params);
        Geometry g = Geometry.of(rg);
        Tensor dy = dy(upstream, "dy", Tensor.zeros(rg.outputShape()));
        double[] xs = x.toArray();
        double[] dyp = Kernels.conv(precision, k -> k.fromNchw(dy.toArray(), g));
        int fg = rg.groupFilters();
        int cg = rg.groupChannels();
        int kg = cg * g.hh() * g.ww();
        int p = g.colCols();
        double[] dw = new double[g.f() * kg];
        double[] dcols = new double[g.colRows() * p];
        for (int gr = 0; gr < rg.groups(); gr++) {
            int c0 = gr * cg;
            double[] dyg = rows(dyp, gr, fg, p);
            double[] wg = rows(w.toArray(), gr, fg, kg);
            double[] dwg = Kernels.gemm(precision, k -> k.convWeightGradient(dyg, xs, fg, g, c0, cg));
            System.arraycopy(dwg, 0, dw, gr * fg * kg, fg * kg);
            System.arraycopy(Kernels.gemm(precision, wg, dyg, null, kg, p, fg, true, false), 0, dcols, gr * kg * p, kg * p);
        }
        double[] dx = Kernels.conv(precision, k -> k.col2im(dcols, g));
        double[] db = Kernels.sum(precision, dyp, g.f(), p, p);
        return Map.of("dx", out(x.shape(), dx), "dw", out(w.shape(), dw), "db", out(b.shape(), db));
    }
}
