package org.nncheck.reference.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code batch_norm} (Ioffe and Szegedy 2015, "Batch Normalization", Algorithm 1 and 2):
 * {@code y = gamma[c] * (x - mean[c]) / sqrt(var[c] + eps) + beta[c]}.
 *
 * <p>Shapes: {@code x (N, D)}, statistics per feature D over N; or {@code x (N, C, H, W)},
 * statistics per channel C over (N, H, W). Any rank {@code >= 2} works the same way (axis 1
 * is the channel, as PyTorch's BatchNorm1d/2d/3d). {@code gamma}, {@code beta},
 * {@code running_mean}, {@code running_var} are {@code (C)}; {@code y} has the shape of x.
 *
 * <p>Parameters: {@code eps} (1e-5), {@code momentum} (0.1), {@code training} (true),
 * {@code running_var_unbiased} (true).
 * <ul>
 *   <li>Training: mean and the BIASED variance ({@code 1/M}, M = N*H*W) of the batch
 *       normalize x (PyTorch: "the variance is calculated via the biased estimator"). The
 *       running statistics are updated with {@code momentum} as the weight of the NEW
 *       statistic: {@code running_mean' = (1 - momentum) running_mean + momentum mean},
 *       {@code running_var' = (1 - momentum) running_var + momentum var_r}, where
 *       {@code var_r} is the UNBIASED variance {@code M2/(M-1)} when
 *       {@code running_var_unbiased} (PyTorch) and the biased one otherwise. Keras and ONNX
 *       state momentum as the weight of the OLD value and use the biased variance: pass
 *       {@code momentum = 1 - theirs, running_var_unbiased = false}. Outputs {@code y},
 *       {@code running_mean}, {@code running_var} (the updated values). Training needs more
 *       than one value per channel (M >= 2), as PyTorch.</li>
 *   <li>Eval ({@code training = false}): x is normalized with {@code running_mean} and
 *       {@code running_var}; output {@code y} only.</li>
 * </ul>
 * eps is added inside the square root. Statistics are two-pass with compensated sums
 * ({@link Normalization}).
 *
 * <p>Backward, both modes: {@code dgamma = sum dy * xhat}, {@code dbeta = sum dy} (sums over
 * every axis but the channel). In training {@code dx} has the full batch-statistics terms,
 * {@code dx = (gamma / s) (dy - mean(dy) - xhat mean(dy xhat))} per channel; in eval the
 * statistics are constants and {@code dx = dy gamma / sqrt(running_var + eps)}.
 * {@code running_mean} and {@code running_var} are data (no gradient). The updated running
 * statistics are state, not differentiated outputs (PyTorch keeps them in buffers outside
 * autograd; nncheck's convention: an output that shares an input's name is an updated state):
 * upstream gradients {@code drunning_mean} / {@code drunning_var}, if given, are ignored, and
 * the backward is the gradient of {@code <y, dy>}.
 *
 * <p>In training, {@code running_mean} and {@code running_var} may be left out (PyTorch's
 * {@code track_running_stats=False}): then only {@code y} is returned. Inputs are never
 * modified. Smooth: no kinks.
 *
 * <p>Accuracy (measured): the shared PyTorch 1.13 float64 cases (2-D, 4-D, 256x64, train and
 * eval) are matched to a relative error of at most 7e-12 on every output and gradient; the
 * finite-difference self-check (LayerGradientTest) to 3e-8.
 */
public final class BatchNorm implements Component {
    static final String ID = "batch_norm";

    private final NormConvention convention;

    /** The SPEC batch norm. */
    public BatchNorm() {
        this(NormConvention.SPEC);
    }

    /** A batch norm under another convention (a documented alternative, for {@code verify}). */
    public BatchNorm(NormConvention convention) {
        this.convention = convention;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Everything one call needs, checked. */
    private record Call(Tensor x, double[] gamma, double[] beta, Tensor runningMean, Tensor runningVar, int channels,
                        Normalization.Layout layout, double eps, double momentum, boolean training, boolean unbiasedRunning) {
    }

    private Call call(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(ID, inputs, "x");
        if (x.rank() < 2) {
            throw new ContractException(ID + ": tensor 'x' must be (N, D) or (N, C, H, W), got " + x.shapeString());
        }
        int c = x.dim(1);
        Tensor gamma = Inputs.require(ID, inputs, "gamma", c);
        Tensor beta = Inputs.require(ID, inputs, "beta", c);
        boolean training = params.getBool("training");
        Tensor rm = inputs.get("running_mean");
        Tensor rv = inputs.get("running_var");
        if (!training || rm != null || rv != null) {
            rm = Inputs.require(ID, inputs, "running_mean", c);
            rv = Inputs.require(ID, inputs, "running_var", c);
            for (int i = 0; i < c; i++) {
                if (!(rv.get(i) >= 0) && !Double.isNaN(rv.get(i))) {
                    throw new ContractException(ID + ": tensor 'running_var' must be >= 0, running_var[" + i + "] = " + rv.get(i));
                }
            }
        }
        int inner = 1;
        for (int a = 2; a < x.rank(); a++) {
            inner *= x.dim(a);
        }
        int in = inner;
        Normalization.Layout layout = Normalization.Layout.of(x.size(), c, i -> (i / in) % c, i -> (i / in) % c);
        boolean batchStats = training || convention.evalUsesBatchStatistics();
        if (batchStats && x.size() / Math.max(c, 1) < 2) {
            throw new ContractException(ID + ": training needs more than one value per channel (N*H*W >= 2), x is " + x.shapeString());
        }
        return new Call(x, gamma.toArray(), beta.toArray(), rm, rv, c, layout, params.getDouble("eps"), params.getDouble("momentum"),
                training, params.getBool("running_var_unbiased"));
    }

    /** Forward state: the normalization and, with batch statistics, the statistics. */
    private record State(Normalization.Normalized normalized, Normalization.Stats stats) {
    }

    private State state(Call k) {
        double[] x = k.x.toArray();
        if (k.training || convention.evalUsesBatchStatistics()) {
            Normalization.Stats st = Normalization.statistics(x, k.layout);
            double[] var = new double[k.channels];
            for (int g = 0; g < k.channels; g++) {
                var[g] = st.variance(g, convention.variance());
            }
            return new State(Normalization.normalize(x, k.layout, st.mean(), var, k.eps, convention.eps()), st);
        }
        return new State(Normalization.normalize(x, k.layout, k.runningMean.toArray(), k.runningVar.toArray(), k.eps, convention.eps()),
                null);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Call k = call(inputs, params);
        State s = state(k);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("y", Tensor.wrap(k.x.shape(), Normalization.affine(s.normalized, k.layout, k.gamma, k.beta)));
        if (k.training && k.runningMean != null) {
            double m = k.momentum;
            double[] rm = new double[k.channels];
            double[] rv = new double[k.channels];
            for (int g = 0; g < k.channels; g++) {
                double v = k.unbiasedRunning ? s.stats.unbiasedVariance(g) : s.stats.biasedVariance(g);
                rm[g] = (1 - m) * k.runningMean.get(g) + m * s.stats.mean()[g];
                rv[g] = (1 - m) * k.runningVar.get(g) + m * v;
            }
            out.put("running_mean", Tensor.wrap(new int[] {k.channels}, rm));
            out.put("running_var", Tensor.wrap(new int[] {k.channels}, rv));
        }
        return out;
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Call k = call(inputs, params);
        State s = state(k);
        Tensor dy = Inputs.upstream(ID, upstream, "dy", k.x);
        boolean batchStats = s.stats != null;
        Normalization.Gradients g = Normalization.backward(dy.toArray(), s.normalized, k.layout, k.gamma, k.channels, convention,
                batchStats);
        double[] dx = g.dx();
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("dx", Tensor.wrap(k.x.shape(), dx));
        out.put("dgamma", Tensor.wrap(new int[] {k.channels}, g.dgamma()));
        out.put("dbeta", Tensor.wrap(new int[] {k.channels}, g.dbeta()));
        return out;
    }
}
