package org.nncheck.reference.regularizer;

import org.nncheck.catalogue.Check;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Kinks;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Catalogue entries of the regularizers (SPEC.md section 1). */
public final class RegularizerEntries implements org.nncheck.catalogue.EntryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public RegularizerEntries() {
    }

    /** Smallest |w| in the samples of l1 and elastic_net (their kink is at w = 0). */
    public static final double KINK_MARGIN = 0.05;

    /** The entries of this family. */
    @Override
    public List<Entry> entries() {
        return List.of(l2(), l1(), elasticNet(), maxNorm());
    }

    private static Entry l2() {
        return Entry.builder(L2.ID, Family.REGULARIZER)
                .summary("lambda * sum w^2 (no 1/2): dw = 2 lambda w")
                .inputs(TensorSpec.diff("w"))
                .outputs("loss")
                .params(L2.params())
                .reference(L2::new)
                .samples((rnd, p, size) -> Map.of("w", Samples.normal(rnd, 0, 1, Samples.shape(rnd, size))))
                .sampleParams(Map.of(Regularization.LAMBDA, 0.05))
                .sampleParams(Map.of(Regularization.LAMBDA, 1.5))
                .alternative(Alternative.ofParams("l2 with a 1/2 (0.5 * lambda * sum w^2, gradient lambda * w)",
                        "the CS231n / weight-decay convention 0.5 * lambda * ||w||^2, i.e. the reference with lambda / 2",
                        p -> p.with(Map.of(Regularization.LAMBDA, p.getDouble(Regularization.LAMBDA) / 2))))
                .build();
    }

    private static Entry l1() {
        return Entry.builder(L1.ID, Family.REGULARIZER)
                .summary("lambda * sum |w|; kink at 0 (subgradient 0)")
                .inputs(TensorSpec.diff("w"))
                .outputs("loss")
                .params(L1.params())
                .reference(L1::new).kinks(Kinks.atPoints("w", 0.0))
                .samples((rnd, p, size) -> Map.of("w", Samples.awayFrom(rnd, 1, KINK_MARGIN, new double[] {0}, Samples.shape(rnd, size))))
                .sampleParams(Map.of(Regularization.LAMBDA, 0.05))
                .sampleParams(Map.of(Regularization.LAMBDA, 2.0))
                .build();
    }

    private static Entry elasticNet() {
        return Entry.builder(ElasticNet.ID, Family.REGULARIZER)
                .summary("lambda * sum (beta w^2 + |w|); kink at 0 (subgradient 0)")
                .inputs(TensorSpec.diff("w"))
                .outputs("loss")
                .params(ElasticNet.params())
                .reference(ElasticNet::new).kinks(Kinks.atPoints("w", 0.0))
                .samples((rnd, p, size) -> Map.of("w", Samples.awayFrom(rnd, 1, KINK_MARGIN, new double[] {0}, Samples.shape(rnd, size))))
                .sampleParams(Map.of(Regularization.LAMBDA, 0.05, ElasticNet.BETA, 0.5))
                .sampleParams(Map.of(Regularization.LAMBDA, 1.0, ElasticNet.BETA, 0.0))
                .sampleParams(Map.of(Regularization.LAMBDA, 0.3, ElasticNet.BETA, 4.0))
                .alternative(Alternative.ofParams("elastic_net with a 1/2 on the square (beta/2 * w^2)",
                        "lambda * sum (0.5 * beta * w^2 + |w|), the glmnet / scikit-learn style 1/2 on the L2 part",
                        p -> p.with(Map.of(ElasticNet.BETA, p.getDouble(ElasticNet.BETA) / 2))))
                .build();
    }

    private static Entry maxNorm() {
        return Entry.builder(MaxNorm.ID, Family.REGULARIZER)
                .summary("projection: each column (norm along axis) scaled by c / norm when norm > c; output w")
                .inputs(TensorSpec.data("w"))
                .outputs("w")
                .params(MaxNorm.params())
                .reference(MaxNorm::new)
                .samples(RegularizerEntries::maxNormSample)
                .sampleParams(Map.of(MaxNorm.C, 2.0))
                .sampleParams(Map.of(MaxNorm.C, 1.0, MaxNorm.AXIS, 1))
                .sampleParams(Map.of(MaxNorm.C, 3.0, MaxNorm.AXIS, -1))
                .skip(Check.GRADIENT, "max_norm is a projection applied after the update, not a loss: it has no backward")
                .alternative(Alternative.ofComponent("Keras MaxNorm (epsilon 1e-7, every column rescaled)",
                        "w * min(norm, c) / (1e-7 + norm) along axis, as keras.constraints.MaxNorm", new MaxNormKeras()))
                .alternative(Alternative.ofComponent("torch.renorm (slices along axis, norm over the other axes)",
                        "torch.renorm(w, 2, dim=axis, maxnorm=c): each slice w[i] along axis scaled by c / (norm + 1e-7)",
                        new MaxNormTorchRenorm()))
                .build();
    }

    /**
     * A weight tensor whose columns (along the parameter {@code axis}) have norms both below
     * and above {@code c}: each column gets its own scale, from 0.3 to 2 times the scale at
     * which its expected norm is c.
     */
    static Map<String, Tensor> maxNormSample(SplittableRandom rnd, Params p, int size) {
        int rank = 2 + rnd.nextInt(2);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = Samples.dim(rnd, 1, rank == 3 ? 2 + size : 3 + 3 * size);
        }
        Tensor base = Samples.normal(rnd, 0, 1, shape);
        long ax = p.getLong(MaxNorm.AXIS);
        int axis = (int) (ax < 0 ? ax + rank : ax);
        int len = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= shape[i];
        }
        int outer = base.size() / (len * inner);
        double[] d = base.toArray();
        double perElement = p.getDouble(MaxNorm.C) / Math.sqrt(len);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = perElement * (0.3 + 1.7 * rnd.nextDouble());
                for (int k = 0; k < len; k++) {
                    d[o * len * inner + k * inner + i] *= s;
                }
            }
        }
        return Map.of("w", Tensor.wrap(shape, d));
    }

}
