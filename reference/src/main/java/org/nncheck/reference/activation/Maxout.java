package org.nncheck.reference.activation;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code maxout} (Goodfellow et al. 2013, "Maxout Networks"; CS231n), SPEC section 1. No
 * parameters.
 *
 * <p>Inputs: {@code x} (N, D), {@code w} (K, D, M) (K pieces, each a D x M weight matrix),
 * {@code b} (K, M). Output {@code y} (N, M): {@code y[n, m] = max_k z_k[n, m]} with
 * {@code z_k = x w_k + b_k} (products with EJML, {@code CommonOps_DDRM.mult}).
 *
 * <p>Backward: the gradient flows only through the winning piece
 * {@code k* = argmax_k z_k[n, m]}, the FIRST k on a tie (as {@code torch.max}/{@code argmax}
 * on the stacked pieces): with {@code G_k[n, m] = dy[n, m] if k* = k else 0},
 * {@code dx = sum_k G_k w_k^T}, {@code dw_k = x^T G_k}, {@code db_k[m] = sum_n G_k[n, m]}.
 *
 * <p>Kinks are data-dependent: where two pieces tie ({@link Kinks#dataDependent}). NaN: a NaN
 * piece wins (so {@code y} is NaN, as {@code torch.max} propagates NaN) and takes the gradient;
 * the first NaN piece if several are. Inputs are never modified.
 */
public final class Maxout implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "maxout";


    /** Shapes of one call, checked. */
    private record Dims(int n, int d, int k, int m) {
    }

    /** The pre-activations of every piece and the winner of each output. */
    private record Pieces(Dims dims, DMatrixRMaj x, DMatrixRMaj[] w, double[] y, int[] winner) {
    }

    @Override
    public String id() {
        return ID;
    }

    private Dims dims(Tensor x, Tensor w, Tensor b) {
        Inputs.requireRank(id(), "x", x, 2);
        if (w.rank() != 3) {
            throw new ContractException(id() + ": tensor 'w' must have shape [K, D, M] (rank 3), got " + w.shapeString());
        }
        int n = x.dim(0);
        int d = x.dim(1);
        int k = w.dim(0);
        int m = w.dim(2);
        if (w.dim(1) != d) {
            throw new ContractException(id() + ": tensor 'w' must have shape [K, " + d + ", M] to match 'x' " + x.shapeString()
                    + ", got " + w.shapeString());
        }
        if (k < 1) {
            throw new ContractException(id() + ": tensor 'w' must have at least one piece (K >= 1), got " + w.shapeString());
        }
        Inputs.requireShape(id(), "b", b, k, m);
        return new Dims(n, d, k, m);
    }

    private Pieces pieces(Map<String, Tensor> inputs) {
        Tensor xt = Inputs.require(id(), inputs, "x");
        Tensor wt = Inputs.require(id(), inputs, "w");
        Tensor bt = Inputs.require(id(), inputs, "b");
        Dims dm = dims(xt, wt, bt);
        DMatrixRMaj x = xt.asMatrix(dm.n(), dm.d());
        double[] wAll = wt.toArray();
        DMatrixRMaj[] w = new DMatrixRMaj[dm.k()];
        double[] y = new double[dm.n() * dm.m()];
        int[] winner = new int[y.length];
        DMatrixRMaj z = new DMatrixRMaj(dm.n(), dm.m());
        for (int k = 0; k < dm.k(); k++) {
            double[] wk = new double[dm.d() * dm.m()];
            System.arraycopy(wAll, k * wk.length, wk, 0, wk.length);
            w[k] = DMatrixRMaj.wrap(dm.d(), dm.m(), wk);
            CommonOps_DDRM.mult(x, w[k], z);
            for (int i = 0; i < dm.n(); i++) {
                for (int j = 0; j < dm.m(); j++) {
                    int o = i * dm.m() + j;
                    double v = z.get(i, j) + bt.get(k * dm.m() + j);
                    // first piece wins ties; a NaN piece wins and keeps winning
                    if (k == 0 || (!Double.isNaN(y[o]) && (v > y[o] || Double.isNaN(v)))) {
                        y[o] = v;
                        winner[o] = k;
                    }
                }
            }
        }
        return new Pieces(dm, x, w, y, winner);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Pieces p = pieces(inputs);
        return Map.of("y", Tensor.wrap(new int[] {p.dims().n(), p.dims().m()}, p.y()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Pieces p = pieces(inputs);
        Dims dm = p.dims();
        Tensor y = Tensor.wrap(new int[] {dm.n(), dm.m()}, p.y());
        Tensor dy = Inputs.upstream(id(), upstream, "dy", y);
        DMatrixRMaj dx = new DMatrixRMaj(dm.n(), dm.d());
        double[] dw = new double[dm.k() * dm.d() * dm.m()];
        double[] db = new double[dm.k() * dm.m()];
        DMatrixRMaj g = new DMatrixRMaj(dm.n(), dm.m());
        DMatrixRMaj dwk = new DMatrixRMaj(dm.d(), dm.m());
        for (int k = 0; k < dm.k(); k++) {
            g.zero();
            for (int o = 0; o < p.winner().length; o++) {
                if (p.winner()[o] == k) {
                    g.data[o] = dy.get(o);
                }
            }
            CommonOps_DDRM.multAddTransB(g, p.w()[k], dx);
            CommonOps_DDRM.multTransA(p.x(), g, dwk);
            System.arraycopy(dwk.data, 0, dw, k * dm.d() * dm.m(), dm.d() * dm.m());
            for (int i = 0; i < dm.n(); i++) {
                for (int j = 0; j < dm.m(); j++) {
                    db[k * dm.m() + j] += g.get(i, j);
                }
            }
        }
        return Map.of("dx", Tensor.fromMatrix(dx, dm.n(), dm.d()),
                "dw", Tensor.wrap(new int[] {dm.k(), dm.d(), dm.m()}, dw),
                "db", Tensor.wrap(new int[] {dm.k(), dm.m()}, db));
    }

}
