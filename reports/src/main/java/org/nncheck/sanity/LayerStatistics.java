package org.nncheck.sanity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.core.Tensor;

/**
 * The per-layer statistics of SPEC section 4.2 for one training step of an {@link Mlp}: for
 * layer {@code fc<l>}, {@code grad_norm} (L2 norm of the weights' gradient, regularization
 * included), {@code weight_norm} (L2 norm of the weights before the step), {@code update_norm}
 * (L2 norm of the update this step applied to the weights), {@code act_mean} and {@code act_std}
 * (population statistics of the layer's outputs over the batch: after the non-linearity for a
 * hidden layer, the logits for the last), {@code dead_fraction} (ReLU layers: fraction of units
 * that are 0 for every example of the batch) and {@code saturated_fraction} (tanh layers:
 * fraction of outputs within 0.01 of +-1).
 */
public final class LayerStatistics {
    /** Distance to the bounds of tanh counted as saturated (SPEC section 4.2). */
    public static final double SATURATION_MARGIN = 0.01;

    private LayerStatistics() {
    }

    /** The statistics of every layer, by layer name, in forward order. */
    public static Map<String, Map<String, Double>> of(Mlp net, Mlp.Pass pass, Mlp.Gradients grads, double[] weightNormsBefore,
                                                      double[] updateNorms) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (int l = 0; l < net.layers(); l++) {
            Map<String, Double> s = new LinkedHashMap<>();
            s.put("grad_norm", norm(grads.dw()[l]));
            s.put("weight_norm", weightNormsBefore[l]);
            s.put("update_norm", updateNorms[l]);
            boolean hidden = l < net.layers() - 1;
            Tensor a = hidden ? pass.post()[l] : pass.pre()[l];
            double mean = 0;
            for (int i = 0; i < a.size(); i++) {
                mean += a.get(i);
            }
            mean /= a.size();
            double var = 0;
            for (int i = 0; i < a.size(); i++) {
                double d = a.get(i) - mean;
                var += d * d;
            }
            s.put("act_mean", mean);
            s.put("act_std", Math.sqrt(var / a.size()));
            if (hidden && net.activation() == Mlp.Activation.RELU) {
                s.put("dead_fraction", deadFraction(a));
            }
            if (hidden && net.activation() == Mlp.Activation.TANH) {
                int sat = 0;
                for (int i = 0; i < a.size(); i++) {
                    sat += Math.abs(a.get(i)) >= 1 - SATURATION_MARGIN ? 1 : 0;
                }
                s.put("saturated_fraction", (double) sat / a.size());
            }
            out.put("fc" + (l + 1), s);
        }
        return out;
    }

    /** L2 norm of all elements. */
    public static double norm(Tensor t) {
        double ss = 0;
        for (int i = 0; i < t.size(); i++) {
            ss += t.get(i) * t.get(i);
        }
        return Math.sqrt(ss);
    }

    private static double deadFraction(Tensor a) {
        int n = a.dim(0);
        int m = a.dim(1);
        int dead = 0;
        for (int j = 0; j < m; j++) {
            boolean alive = false;
            for (int i = 0; i < n && !alive; i++) {
                alive = a.get(i * m + j) != 0;
            }
            dead += alive ? 0 : 1;
        }
        return (double) dead / m;
    }
}
