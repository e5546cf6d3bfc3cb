package org.nncheck.reference.preprocess;

import org.nncheck.catalogue.Check;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.OutputAlignment;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Catalogue entries of the data preprocessing (SPEC.md section 1). Input {@code x} (N, D) or
 * (N, C, H, W), output {@code y}. The SPEC gives no backward for preprocessing (a fixed
 * transform of the data), so the gradient check is skipped. {@code pca} and
 * {@code pca_whiten} outputs are compared column-wise up to sign: their references implement
 * {@link ColumnSignAmbiguous}; use {@link Pca#alignSigns}.
 */
public final class PreprocessingEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public PreprocessingEntries() {
    }

    private static final String NO_GRADIENT = "the SPEC defines no backward for data preprocessing (a fixed transform of the data)";

    /** Why there is no OpenCL implementation (Check.GPU). */
    private static final String NO_KERNEL = "data preprocessing runs once per data set, not per training step (and pca/whitening need an "
            + "eigendecomposition, which EJML does in double): no OpenCL kernel";

    /** PCA components are defined up to sign: align each column of the reference to the case's ({@link Pca#alignSigns}). */
    static final OutputAlignment SIGN_PER_COLUMN = new OutputAlignment() {
        @Override
        public Tensor align(Tensor caseValue, Tensor reference) {
            return Pca.alignSigns(caseValue, reference);
        }

        @Override
        public String describe() {
            return "each component (column) up to sign";
        }
    };

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        ParamSpec k = ParamSpec.integer("k", null, 1, Integer.MAX_VALUE, "number of principal components kept (<= D)");
        ParamSpec whitenEps = ParamSpec.positive("eps", 1e-5, "added to each eigenvalue before the square root");
        return List.of(
                entry(MeanSubtraction.ID, "x - mean over the batch (per feature, per channel, or the mean image)", MeanSubtraction::new)
                        .params(ParamSpec.choice("axis", "feature", List.of("feature", "channel", "image"),
                                "feature: per feature; channel: per channel (axis 1); image: the mean image"))
                        .samples((rnd, p, size) -> Map.of("x", p.getChoice("axis").equals("feature") && rnd.nextBoolean()
                                ? offsetData(rnd, size) : images(rnd, size)))
                        .sampleParams(Map.of()).sampleParams(Map.of("axis", "channel")).sampleParams(Map.of("axis", "image"))
                        .alternative(Alternative.ofComponent("per-image mean subtracted",
                                "the mean of each sample over its own elements (a per-sample centring, like gcn without scaling)",
                                new PerSampleCentring()))
                        .alternative(Alternative.ofParams("per-channel mean", "one mean per channel instead of per feature/pixel",
                                p -> p.with(Map.of("axis", "channel"))))
                        .alternative(Alternative.ofParams("per-feature mean (mean image)", "one mean per feature/pixel instead of per channel",
                                p -> p.with(Map.of("axis", "feature"))))
                        .build(),
                entry(Standardize.ID, "(x - mean) / (std + eps), population std per feature", Standardize::new)
                        .params(ParamSpec.nonNegative("eps", 1e-8, "added to the std"))
                        .sampleParams(Map.of()).sampleParams(Map.of("eps", 0.1))
                        .alternative(Alternative.ofComponent("sample (N-1) standard deviation",
                                "std with Bessel's correction (torch.std's default unbiased=True) where the population one is asked",
                                new Standardize(1, false)))
                        .alternative(Alternative.ofComponent("eps inside the square root", "(x - mean) / sqrt(var + eps)",
                                new Standardize(0, true)))
                        .build(),
                entry(MinMax.ID, "low + (x - min)(high - low)/(max - min) per feature", MinMax::new)
                        .params(ParamSpec.real("low", 0.0, "lowest output"), ParamSpec.real("high", 1.0, "highest output"))
                        .sampleParams(Map.of()).sampleParams(Map.of("low", -1.0, "high", 1.0))
                        .build(),
                entry(Pca.ID, "(x - mean) U[:, :k], eigenvectors of x^T x / N by descending eigenvalue, up to sign", Pca::new)
                        .params(k).samples((rnd, p, size) -> Map.of("x", correlated(rnd, size, p.getInt("k"))))
                        .sampleParams(Map.of("k", 1)).sampleParams(Map.of("k", 2))
                        .alternative(Alternative.ofComponent("not centred", "x projected without subtracting the mean", new Pca(false)))
                        .align("y", SIGN_PER_COLUMN)
                        .build(),
                entry(PcaWhiten.ID, "pca / sqrt(eigenvalue + eps), up to sign", PcaWhiten::new)
                        .params(k, whitenEps).samples((rnd, p, size) -> Map.of("x", correlated(rnd, size, p.getInt("k"))))
                        .sampleParams(Map.of("k", 1)).sampleParams(Map.of("k", 3, "eps", 1e-3))
                        .alternative(Alternative.ofComponent("sample covariance (N-1)", "eigenvalues of x^T x / (N - 1)",
                                new PcaWhiten(true, false)))
                        .align("y", SIGN_PER_COLUMN)
                        .build(),
                entry(ZcaWhiten.ID, "(x - mean) U diag(1/sqrt(eigenvalue + eps)) U^T", ZcaWhiten::new)
                        .params(whitenEps).samples((rnd, p, size) -> Map.of("x", correlated(rnd, size, 1)))
                        .sampleParams(Map.of()).sampleParams(Map.of("eps", 1e-2))
                        .alternative(Alternative.ofComponent("PCA whitening returned (not rotated back)",
                                "x U diag(1/sqrt(eigenvalue + eps)) without the final U^T, all D components; compared up to sign",
                                new PcaWhiten(false, true)).withAlignment("y", SIGN_PER_COLUMN))
                        .alternative(Alternative.ofComponent("sample covariance (N-1)", "eigenvalues of x^T x / (N - 1)",
                                new ZcaWhiten(true)))
                        .build(),
                entry(Gcn.ID, "scale (x - mean) / max(eps, sqrt(mean((x - mean)^2))) per sample", Gcn::new)
                        .params(ParamSpec.real("scale", 1.0, "output scale"), ParamSpec.nonNegative("eps", 1e-8, "floor of the contrast"))
                        .sampleParams(Map.of()).sampleParams(Map.of("scale", 55.0, "eps", 10.0))
                        .alternative(Alternative.ofComponent("eps added under the square root",
                                "scale (x - mean) / sqrt(eps + mean((x - mean)^2))", new Gcn(true)))
                        .build());
    }

    private static Entry.Builder entry(String id, String summary, java.util.function.Supplier<Component> reference) {
        return Entry.builder(id, Family.PREPROCESSING).summary(summary).inputs(TensorSpec.data("x")).outputs("y")
                .reference(reference)
                .samples((rnd, p, size) -> Map.of("x", rnd.nextInt(3) == 0 ? images(rnd, size) : offsetData(rnd, size)))
                .skip(Check.GRADIENT, NO_GRADIENT)
                .skip(Check.GPU, NO_KERNEL);
    }

    /** (N, D) data with per-feature offsets and scales (N >= 1, D >= 1). */
    static Tensor offsetData(SplittableRandom rnd, int size) {
        int n = Samples.dim(rnd, 1 + (size > 0 ? 1 : 0), 4 + 10 * size);
        int d = Samples.dim(rnd, 1, 2 + 3 * size);
        double[] a = new double[n * d];
        for (int j = 0; j < d; j++) {
            double off = 10 * Samples.gaussian(rnd);
            double sc = Math.exp(Samples.gaussian(rnd));
            for (int i = 0; i < n; i++) {
                a[i * d + j] = off + sc * Samples.gaussian(rnd);
            }
        }
        return Tensor.wrap(new int[] {n, d}, a);
    }

    /** (N, C, H, W) pixel-like data in [0, 255). */
    static Tensor images(SplittableRandom rnd, int size) {
        return Samples.uniform(rnd, 0, 255, Samples.dim(rnd, 1, 2 + 2 * size), Samples.dim(rnd, 1, 3),
                Samples.dim(rnd, 1, 2 + size), Samples.dim(rnd, 1, 2 + size));
    }

    /**
     * (N, D) correlated data with well separated eigenvalues (so that components are unique up
     * to sign), N > D >= minD.
     */
    static Tensor correlated(SplittableRandom rnd, int size, int minD) {
        int d = Math.max(minD, Samples.dim(rnd, 2, 3 + 2 * size));
        int n = d + Samples.dim(rnd, 4, 8 + 20 * size);
        double[] a = new double[n * d];
        double[] mix = new double[d * d];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = Samples.gaussian(rnd) * 0.3;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double z = Samples.gaussian(rnd) * Math.pow(2.0, -j); // latent scales 1, 1/2, 1/4 ...
                for (int c = 0; c < d; c++) {
                    a[i * d + c] += z * ((c == j ? 1 : 0) + mix[j * d + c]);
                }
            }
            for (int c = 0; c < d; c++) {
                a[i * d + c] += 3 * c;
            }
        }
        return Tensor.wrap(new int[] {n, d}, a);
    }

    /** Alternative for mean_subtraction: each sample centred on its own mean. */
    static final class PerSampleCentring implements Component {
        @Override
        public String id() {
            return MeanSubtraction.ID;
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
            Tensor x = Inputs.require(id(), inputs, "x");
            int n = BatchStats.rows(id(), x);
            double[] a = x.toArray();
            int f = a.length / n;
            for (int i = 0; i < n; i++) {
                double m = BatchStats.mean(a, i * f, f);
                for (int j = 0; j < f; j++) {
                    a[i * f + j] -= m;
                }
            }
            return Map.of("y", Tensor.wrap(x.shape(), a));
        }
    }
}
