package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.ConvOps.Geometry;

/**
 * conv2d as im2col + tiled GEMM: x (N,C,H,W), w (F,C,HH,WW), b (F), stride S, zero padding P,
 * y (N,F,H',W') with H' = (H + 2P - HH)/S + 1 (a ContractException when not whole).
 * Forward: cols = im2col(x) (C HH WW, N H' W'); y = w cols + b. Backward: dw = dY cols^T,
 * dcols = w^T dY, dx = col2im(dcols) (gather), db = sum of dY rows.
 */
public final class GpuConv2d extends GpuComponent {
    public GpuConv2d(Precision p) {
        super("conv2d", p);
    }

    private Geometry geometry(Tensor x, Tensor w, Tensor b, Params p) {
        Inputs.requireRank(id(), "x", x, 4);
        Inputs.requireRank(id(), "w", w, 4);
        int s = p.getInt("stride");
        int pad = p.getInt("pad");
        if (s < 1 || pad < 0) {
            throw new ContractException("conv2d: stride must be >= 1 and pad >= 0, got stride " + s + ", pad " + pad);
        }
        if (w.dim(1) != x.dim(1)) {
            throw new ContractException("conv2d: tensor 'w' " + w.shapeString() + " must have C = " + x.dim(1)
                    + " input channels like 'x' " + x.shapeString());
        }
        Inputs.requireShape(id(), "b", b, w.dim(0));
        int h = x.dim(2);
        int wd = x.dim(3);
        int hh = w.dim(2);
        int ww = w.dim(3);
        int nh = h + 2 * pad - hh;
        int nw = wd + 2 * pad - ww;
        if (nh < 0 || nw < 0 || nh % s != 0 || nw % s != 0) {
            throw new ContractException("conv2d: (H + 2P - HH)/S + 1 and (W + 2P - WW)/S + 1 must be whole and positive: x "
                    + x.shapeString() + ", w " + w.shapeString() + ", stride " + s + ", pad " + pad);
        }
        return new Geometry(x.dim(0), x.dim(1), h, wd, w.dim(0), hh, ww, s, pad, nh / s + 1, nw / s + 1);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        Geometry g = geometry(x, w, b, params);
        double[] cols = Kernels.conv(precision, k -> k.im2col(x.toArray(), g));
        double[] fc = Kernels.gemm(precision, w.toArray(), cols, null, g.f(), g.colCols(), g.colRows(), false, false);
        double[] y = Kernels.conv(precision, k -> k.toNchw(fc, b.toArray(), g));
        return Map.of("y", out(new int[] {g.n(), g.f(), g.ho(), g.wo()}, y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor w = in(inputs, "w");
        Tensor b = in(inputs, "b");
        Geometry g = geometry(x, w, b, params);
        Tensor dy = upstream.get("dy");
        if (dy == null) {
            throw new ContractException("conv2d: missing upstream gradient 'dy'");
        }
        Inputs.requireShape(id(), "dy", dy, g.n(), g.f(), g.ho(), g.wo());
        double[] cols = Kernels.conv(precision, k -> k.im2col(x.toArray(), g));
        double[] dyp = Kernels.conv(precision, k -> k.fromNchw(dy.toArray(), g));
        double[] dw = Kernels.gemm(precision, dyp, cols, null, g.f(), g.colRows(), g.colCols(), false, true);
        double[] dcols = Kernels.gemm(precision, w.toArray(), dyp, null, g.colRows(), g.colCols(), g.f(), true, false);
        double[] dx = Kernels.conv(precision, k -> k.col2im(dcols, g));
        double[] db = Kernels.sum(precision, dyp, g.f(), g.colCols(), g.colCols());
        return Map.of("dx", out(x.shape(), dx), "dw", out(w.shape(), dw), "db", out(b.shape(), db));
    }
}
