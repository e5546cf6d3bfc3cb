package org.nncheck.reference.preprocess;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code mean_subtraction}: {@code y = x - mean}, the mean over the batch axis (CS231n,
 * "Data preprocessing": "subtracting the mean across every individual feature").
 *
 * <p>{@code axis}:
 * <ul>
 *   <li>{@code "feature"} (default): one mean per element of the trailing dimensions, over
 *       {@code N};</li>
 *   <li>{@code "image"}: the mean image, shape {@code (C, H, W)}, over {@code N} (the same
 *       computation as "feature" for an (N, C, H, W) input; CS231n/AlexNet's mean image);</li>
 *   <li>{@code "channel"}: one mean per channel (axis 1), over {@code N} and every spatial
 *       position (VGG's per-channel mean); for (N, D) input each column is a channel.</li>
 * </ul>
 * Input {@code x} (N, D) or (N, C, H, W) (any rank &gt;= 2); output {@code y} of the same shape.
 * Means are corrected two-pass. Inputs are never modified.
 */
public final class MeanSubtraction implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "mean_subtraction";


    /** The axis parameter, parsed. */
    enum Axis {
        FEATURE, CHANNEL, IMAGE;

        static Axis of(Params p) {
            return switch (p.getChoice("axis")) {
                case "channel" -> CHANNEL;
                case "image" -> IMAGE;
                default -> FEATURE;
            };
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        int n = BatchStats.rows(id(), x);
        double[] a = x.toArray();
        int f = a.length / n;
        if (Axis.of(params) == Axis.CHANNEL) {
            int c = x.dim(1);
            if (c == 0) {
                return Map.of("y", x);
            }
            int spatial = f / c;
            // channel mean over (N, spatial): view as (N*C) x spatial blocks
            double[] m = new double[c];
            for (int ch = 0; ch < c; ch++) {
                double[] vals = new double[n * spatial];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(a, i * f + ch * spatial, vals, i * spatial, spatial);
                }
                m[ch] = BatchStats.mean(vals, 0, vals.length);
            }
            for (int i = 0; i < n; i++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int s = 0; s < spatial; s++) {
                        a[i * f + ch * spatial + s] -= m[ch];
                    }
                }
            }
        } else {
            double[] m = BatchStats.columnMeans(a, n, f);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f; j++) {
                    a[i * f + j] -= m[j];
                }
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), a));
    }
}
