package org.nncheck.gpu.components;

import java.util.Map;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.SoftmaxKernelF;

/** softmax and log_softmax over {@code axis} (default -1) on {@link SoftmaxKernelF}. */
public final class GpuSoftmax extends GpuComponent {
    private final boolean log;

    public GpuSoftmax(boolean log, Precision p) {
        super(log ? "log_softmax" : "softmax", p);
        this.log = log;
    }

    private int[] view(Tensor x, Params p) {
        int axis = x.rank() == 0 ? 0 : x.normalizeAxis(p.getInt("axis"));
        int[] s = x.shape();
        if (s.length == 0) {
            return new int[] {1, 1, 1};
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s[i];
        }
        return new int[] {outer, s[axis], tail(s, axis + 1)};
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        int[] v = view(x, params);
        int mode = log ? SoftmaxKernelF.LOG_SOFTMAX : SoftmaxKernelF.SOFTMAX;
        double[] y = Kernels.softmax(precision, k -> k.apply(mode, x.toArray(), null, v[0], v[1], v[2]));
        return Map.of("y", out(x.shape(), y));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Tensor dy = dy(upstream, "dy", x);
        int[] v = view(x, params);
        int mode = log ? SoftmaxKernelF.LOG_SOFTMAX_BACKWARD : SoftmaxKernelF.SOFTMAX_BACKWARD;
        double[] dx = Kernels.softmax(precision, k -> k.apply(mode, x.toArray(), dy.toArray(), v[0], v[1], v[2]));
        return Map.of("dx", out(x.shape(), dx));
    }
}
