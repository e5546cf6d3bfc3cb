package org.nncheck.properties.loss;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Named QuickTheories generators for the loss properties (shrinkable: dimensions and values shrink). */
final class LossGens {
    private LossGens() {
    }

    /** Logits (N, C) with class labels (N). */
    record Labelled(Tensor logits, Tensor labels) {
        int n() {
            return logits.dim(0);
        }

        int c() {
            return logits.dim(1);
        }

        /** The labels as one-hot probability targets (N, C). */
        Tensor oneHot() {
            double[] t = new double[n() * c()];
            for (int i = 0; i < n(); i++) {
                t[i * c() + (int) labels.get(i)] = 1;
            }
            return Tensor.wrap(new int[] {n(), c()}, t);
        }

        @Override
        public String toString() {
            return "logits " + logits.shapeString() + " " + java.util.Arrays.toString(logits.toArray()) + ", labels "
                    + java.util.Arrays.toString(labels.toArray());
        }
    }

    /** Moderate values, where naive formulas are safe. */
    static Gen<Double> moderate(double bound) {
        return doubles().between(-bound, bound);
    }

    /** Values spread over the whole range up to +-1e300, with exact extremes and moderate values mixed in. */
    static Gen<Double> extreme() {
        return Generate.oneOf(doubles().between(-1e300, 1e300), doubles().between(-50, 50),
                Generate.pick(List.of(1e300, -1e300, 0.0, 709.0, -745.0, 1e-300)));
    }

    /** A (N, C) tensor with N in [1, maxN], C in [1, maxC], values from {@code values}. */
    static Gen<Tensor> matrix(int maxN, int maxC, Gen<Double> values) {
        return integers().between(1, maxN).zip(integers().between(1, maxC), (n, c) -> new int[] {n, c})
                .flatMap(s -> lists().of(values).ofSize(s[0] * s[1]).map(l -> tensor(s, l)));
    }

    /** Logits (N, C) from {@code values} with labels in [0, C). */
    static Gen<Labelled> labelled(int maxN, int maxC, Gen<Double> values) {
        return matrix(maxN, maxC, values).flatMap(z -> lists().of(integers().between(0, z.dim(1) - 1)).ofSize(z.dim(0))
                .map(l -> new Labelled(z, labels(l))));
    }

    /** Non-negative weights, exactly 0 about one time in four. */
    static Gen<Double> weights() {
        return Generate.oneOf(doubles().between(0.01, 10), doubles().between(0.01, 10), doubles().between(0.01, 10),
                Generate.constant(0.0));
    }

    /** Rows of probability distributions (N, C); entries exactly 0 occur (about one in four). */
    static Gen<Tensor> distributions(int maxN, int maxC) {
        return matrix(maxN, maxC, weights()).map(LossGens::normalizeRows);
    }

    /** Rows of probability distributions of exactly (n, c). */
    static Gen<Tensor> distributionsOfShape(int n, int c) {
        return lists().of(weights()).ofSize(n * c).map(l -> normalizeRows(tensor(new int[] {n, c}, l)));
    }

    /** Logits (N, C) with probability targets (N, C). */
    record Targeted(Tensor logits, Tensor targets) {
        @Override
        public String toString() {
            return "logits " + logits.shapeString() + " " + java.util.Arrays.toString(logits.toArray()) + ", targets "
                    + java.util.Arrays.toString(targets.toArray());
        }
    }

    /** Logits from {@code values} with distribution targets of the same shape. */
    static Gen<Targeted> targeted(int maxN, int maxC, Gen<Double> values) {
        return matrix(maxN, maxC, values).flatMap(z -> distributionsOfShape(z.dim(0), z.dim(1)).map(t -> new Targeted(z, t)));
    }

    /** Each row divided by its sum; an all-zero row becomes uniform. */
    static Tensor normalizeRows(Tensor w) {
        int n = w.dim(0);
        int c = w.dim(1);
        double[] d = w.toArray();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += d[i * c + j];
            }
            for (int j = 0; j < c; j++) {
                d[i * c + j] = s == 0 ? 1.0 / c : d[i * c + j] / s;
            }
        }
        return Tensor.wrap(new int[] {n, c}, d);
    }

    static Tensor tensor(int[] shape, List<Double> values) {
        double[] d = new double[values.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = values.get(i);
        }
        return Tensor.wrap(shape, d);
    }

    static Tensor labels(List<Integer> l) {
        long[] v = new long[l.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = l.get(i);
        }
        return Tensor.ofIntegers(new int[] {v.length}, v);
    }

    /** The reference of a catalogue id, through the public catalogue. */
    static Component reference(String id) {
        return Catalogue.get(id).orElseThrow().newReference();
    }

    /** Validated parameters of a catalogue id. */
    static Params params(String id, Map<String, ?> raw) {
        return Catalogue.get(id).orElseThrow().params(raw);
    }

    static double loss(Component c, Map<String, Tensor> in, Params p) {
        return c.forward(in, p).get("loss").item();
    }

    /** Natural log of a (N, C) distribution tensor, log 0 = -infinity. */
    static Tensor log(Tensor p) {
        return p.map(Math::log);
    }
}
