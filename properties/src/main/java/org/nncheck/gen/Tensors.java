package org.nncheck.gen;

import java.util.List;
import org.nncheck.core.Tensor;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * QuickTheories generators of shapes and tensors. Element values come from a {@link Gen} of
 * doubles, so QuickTheories shrinks a failing tensor towards a smaller shape and simpler values
 * and prints it (shape and values) with the seed.
 */
public final class Tensors {
    private Tensors() {
    }

    /** Shapes of rank {@code minRank..maxRank}, every dimension {@code 1..maxDim}. */
    public static Gen<int[]> shapes(int minRank, int maxRank, int maxDim) {
        if (minRank < 0 || maxRank < minRank || maxDim < 1) {
            throw new IllegalArgumentException("need 0 <= minRank <= maxRank and maxDim >= 1");
        }
        return Generate.range(minRank, maxRank)
                .flatMap(rank -> Generate.intArrays(Generate.constant(rank), Generate.range(1, maxDim)))
                .describedAs(java.util.Arrays::toString);
    }

    /** Shapes (rows, cols), each {@code 1..maxDim}. */
    public static Gen<int[]> matrixShapes(int maxDim) {
        return shapes(2, 2, maxDim);
    }

    /** Shapes (N, C, H, W): N and C {@code 1..maxNc}, H and W {@code 1..maxHw}. */
    public static Gen<int[]> imageShapes(int maxNc, int maxHw) {
        Gen<Integer> nc = Generate.range(1, maxNc);
        Gen<Integer> hw = Generate.range(1, maxHw);
        return nc.zip(nc, hw, hw, (n, c, h, w) -> new int[] {n, c, h, w}).describedAs(java.util.Arrays::toString);
    }

    /** Tensors of the given shapes with elements from {@code values}. */
    public static Gen<Tensor> of(Gen<int[]> shapes, Gen<Double> values) {
        return shapes.flatMap(shape -> {
            int n = Tensor.sizeOf(shape);
            Gen<List<Double>> elems = SourceDSL.lists().of(values).ofSize(n);
            return elems.map(l -> {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = l.get(i);
                }
                return Tensor.wrap(shape, d);
            });
        }).describedAs(Tensors::describe);
    }

    /**
     * Well-conditioned tensors: every element's magnitude in [0.1, 2] with a random sign, so no
     * element is tiny next to the others (relative errors stay meaningful) and nothing
     * overflows or underflows in exp, log or a square.
     */
    public static Gen<Tensor> wellConditioned(Gen<int[]> shapes) {
        Gen<Double> mag = Values.uniform(0.1, 2);
        Gen<Double> v = mag.zip(Generate.booleans(), (m, neg) -> neg ? -m : m);
        return of(shapes, v);
    }

    /** Tensors whose elements are mostly next to the kinks (see {@link Values#kinkAdjacent}). */
    public static Gen<Tensor> kinkAdjacent(Gen<int[]> shapes, double... kinks) {
        return of(shapes, Generate.frequency(org.quicktheories.api.Pair.of(3, Values.kinkAdjacent(kinks)),
                org.quicktheories.api.Pair.of(1, Values.uniform(-3, 3))));
    }

    /** Tensors mixing moderate values with extremes (see {@link Values#extremes}). */
    public static Gen<Tensor> extremes(Gen<int[]> shapes) {
        return of(shapes, Generate.frequency(org.quicktheories.api.Pair.of(1, Values.extremes()),
                org.quicktheories.api.Pair.of(1, Values.uniform(-3, 3))));
    }

    /** Shape plus at most 16 values, for failure messages. */
    public static String describe(Tensor t) {
        double[] d = t.toArray();
        StringBuilder sb = new StringBuilder("Tensor").append(t.shapeString()).append('[');
        for (int i = 0; i < Math.min(16, d.length); i++) {
            sb.append(i == 0 ? "" : ", ").append(d[i]);
        }
        return sb.append(d.length > 16 ? ", ...]" : "]").toString();
    }
}
