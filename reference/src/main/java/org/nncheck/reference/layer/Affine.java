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
 * {@code affine}: a fully connected layer {@code y = x w + b}.
 *
 * <p>Shapes: {@code x} is {@code (N, d_1, ..., d_k)} with {@code k >= 1} and is read as the
 * matrix {@code (N, D)} with {@code D = d_1 * ... * d_k} (row-major flattening, as CS231n's
 * {@code affine_forward}, which reshapes with {@code x.reshape(N, -1)}); {@code w} is
 * {@code (D, M)}; {@code b} is {@code (M)}; {@code y} is {@code (N, M)}. Note that {@code w} is
 * stored input-major, the transpose of PyTorch's {@code nn.Linear.weight} {@code (M, D)}.
 *
 * <p>Backward ({@code dy} of shape {@code (N, M)}): {@code dx = dy w^T} reshaped back to the
 * shape of {@code x}, {@code dw = x^T dy}, {@code db = sum_n dy[n, :]}. Products by EJML's
 * {@code CommonOps_DDRM.mult / multTransA / multTransB} in double; the bias sum is a plain
 * loop. Inputs are never modified. Smooth: no kinks.
 */
public final class Affine implements Component {
    static final String ID = "affine";

    /** The validated shapes of one call. */
    private record Shape(int n, int d, int m) {
    }

    @Override
    public String id() {
        return ID;
    }

    private static Shape check(Tensor x, Tensor w, Tensor b) {
        if (x.rank() < 2) {
            throw new ContractException(ID + ": tensor 'x' must have shape (N, D...) with rank >= 2, got " + x.shapeString());
        }
        Inputs.requireRank(ID, "w", w, 2);
        int n = x.dim(0);
        int d = n == 0 ? sizeAfterBatch(x) : x.size() / n;
        if (w.dim(0) != d) {
            throw new ContractException(ID + ": tensor 'w' must have shape [" + d + ", M] (D = product of x's dims after N, x is "
                    + x.shapeString() + "), got " + w.shapeString());
        }
        int m = w.dim(1);
        Inputs.requireShape(ID, "b", b, m);
        return new Shape(n, d, m);
    }

    private static int sizeAfterBatch(Tensor x) {
        int[] s = x.shape();
        int d = 1;
        for (int i = 1; i < s.length; i++) {
            d *= s[i];
        }
        return d;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(ID, inputs, "x");
        Tensor w = Inputs.require(ID, inputs, "w");
        Tensor b = Inputs.require(ID, inputs, "b");
        Shape s = check(x, w, b);
        DMatrixRMaj y = new DMatrixRMaj(s.n, s.m);
        CommonOps_DDRM.mult(x.asMatrix(s.n, s.d), w.asMatrix(s.d, s.m), y);
        for (int i = 0; i < s.n; i++) {
            for (int j = 0; j < s.m; j++) {
                y.data[i * s.m + j] += b.get(j);
            }
        }
        return Map.of("y", Tensor.fromMatrix(y, s.n, s.m));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(ID, inputs, "x");
        Tensor w = Inputs.require(ID, inputs, "w");
        Tensor b = Inputs.require(ID, inputs, "b");
        Shape s = check(x, w, b);
        Tensor dyT = Inputs.upstream(ID, upstream, "dy", Tensor.zeros(s.n, s.m));
        DMatrixRMaj dy = dyT.asMatrix(s.n, s.m);
        DMatrixRMaj dx = new DMatrixRMaj(s.n, s.d);
        CommonOps_DDRM.multTransB(dy, w.asMatrix(s.d, s.m), dx);
        DMatrixRMaj dw = new DMatrixRMaj(s.d, s.m);
        CommonOps_DDRM.multTransA(x.asMatrix(s.n, s.d), dy, dw);
        double[] db = new double[s.m];
        for (int i = 0; i < s.n; i++) {
            for (int j = 0; j < s.m; j++) {
                db[j] += dy.data[i * s.m + j];
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("dx", Tensor.fromMatrix(dx, x.shape()));
        out.put("dw", Tensor.fromMatrix(dw, s.d, s.m));
        out.put("db", Tensor.wrap(new int[] {s.m}, db));
        return out;
    }
}
