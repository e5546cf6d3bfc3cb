package org.nncheck.reference.preprocess;

import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/**
 * Per-feature statistics over the batch axis of an input viewed as {@code N x F}
 * ({@code F} = product of the trailing dimensions). Means are corrected two-pass
 * ({@code m = sum(x)/N; m += sum(x - m)/N}), variances two-pass on the deviations: accurate
 * for data with a large offset (Higham, "Accuracy and Stability of Numerical Algorithms",
 * section 1.9).
 */
final class BatchStats {
    private BatchStats() {
    }

    /** Rows of {@code x}: its first dimension (rank &gt;= 2 checked). */
    static int rows(String component, Tensor x) {
        if (x.rank() < 2) {
            throw new ContractException(component + ": tensor 'x' must be (N, D) or (N, C, H, W), got shape " + x.shapeString());
        }
        if (x.dim(0) == 0) {
            throw new ContractException(component + ": tensor 'x' has an empty batch, shape " + x.shapeString());
        }
        return x.dim(0);
    }

    /** Per-column means of a row-major {@code n x f} array. */
    static double[] columnMeans(double[] a, int n, int f) {
        double[] m = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                m[j] += a[i * f + j];
            }
        }
        for (int j = 0; j < f; j++) {
            m[j] /= n;
        }
        double[] c = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                c[j] += a[i * f + j] - m[j];
            }
        }
        for (int j = 0; j < f; j++) {
            m[j] += c[j] / n;
        }
        return m;
    }

    /** Per-column population (biased, divide by n) variances around given means. */
    static double[] columnVariances(double[] a, int n, int f, double[] mean, int ddof) {
        double[] v = new double[f];
        double[] c = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double d = a[i * f + j] - mean[j];
                v[j] += d * d;
                c[j] += d;
            }
        }
        for (int j = 0; j < f; j++) {
            // corrected two-pass: subtract the (tiny) squared sum of the deviations
            v[j] = Math.max(0, (v[j] - c[j] * c[j] / n) / (n - ddof));
        }
        return v;
    }

    /** Mean of a slice {@code a[from, from + len)}, corrected two-pass. */
    static double mean(double[] a, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += a[i];
        }
        double m = s / len;
        double c = 0;
        for (int i = from; i < from + len; i++) {
            c += a[i] - m;
        }
        return m + c / len;
    }
}
