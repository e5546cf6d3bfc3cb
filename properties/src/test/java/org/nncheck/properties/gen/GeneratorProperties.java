package org.nncheck.properties.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gen.CatalogueGens;
import org.nncheck.gen.CatalogueSample;
import org.nncheck.gen.Coverage;
import org.nncheck.gen.Tensors;
import org.nncheck.gen.Values;
import org.nncheck.reference.activation.Relu;
import org.nncheck.reference.activation.Sigmoid;
import org.quicktheories.core.Gen;

/**
 * Properties of the generators themselves (shapes in range, edges really sampled, catalogue
 * samples complete and reproducible), and two uses of them on reference components. Seeds are
 * fixed; QuickTheories prints the seed and the falsifying value on failure.
 */
class GeneratorProperties {
    private static final long SEED = 20261123L;
    private static final Params NONE = Params.of("test", java.util.List.of(), Map.of());

    @Test
    void shapesStayInTheirRangeAndCoverEveryRank() {
        Coverage cov = new Coverage();
        Gen<int[]> shapes = cov.counting(Tensors.shapes(0, 3, 5), s -> "rank " + s.length);
        qt().withFixedSeed(SEED).withExamples(300).forAll(shapes).check(s -> s.length <= 3
                && java.util.Arrays.stream(s).allMatch(d -> d >= 1 && d <= 5));
        cov.assertAtLeast(10, "rank 0", "rank 1", "rank 2", "rank 3");
    }

    @Test
    void wellConditionedTensorsHaveModerateMagnitudes() {
        qt().withFixedSeed(SEED).withExamples(200).forAll(Tensors.wellConditioned(Tensors.matrixShapes(6)))
                .check(t -> t.rank() == 2 && java.util.Arrays.stream(t.toArray()).allMatch(v -> Math.abs(v) >= 0.1 && Math.abs(v) <= 2));
    }

    @Test
    void extremesAreSampled() {
        Coverage cov = new Coverage();
        Gen<Double> xs = cov.counting(Values.extremes(), Values::classify);
        qt().withFixedSeed(SEED).withExamples(500).forAll(xs).check(x -> !Double.isNaN(x));
        cov.assertAtLeast(5, "zero", "subnormal", "overflow-sized", "exp-large", "moderate");
    }

    @Test
    void kinkAdjacentValuesAreWithinTenThousandthOfTheKink() {
        Coverage cov = new Coverage();
        Gen<Double> xs = cov.counting(Values.kinkAdjacent(0.0, 1.0), x -> x == 0 || x == 1 ? "at kink" : "beside");
        qt().withFixedSeed(SEED).withExamples(300).forAll(xs).check(x -> Math.min(Math.abs(x), Math.abs(x - 1)) <= 1e-4);
        cov.assertAtLeast(5, "at kink", "beside");
    }

    /** Sigmoid stays finite and in [0, 1] on extremes, and is monotone between neighbours. */
    @Test
    void sigmoidIsFiniteAndBoundedOnExtremes() {
        Coverage cov = new Coverage();
        Gen<Double> xs = cov.counting(Values.mixed(), Values::classify);
        qt().withFixedSeed(SEED).withExamples(400).forAll(xs).check(x -> {
            double y = Sigmoid.sigmoid(x);
            return y >= 0 && y <= 1 && Sigmoid.sigmoid(Math.nextUp(x)) >= y;
        });
        cov.assertAtLeast(1, "subnormal", "overflow-sized");
    }

    /** relu's backward next to its kink is exactly dy or 0, never NaN (SPEC: dx at 0 is 0). */
    @Test
    void reluBackwardAtKinkAdjacentTensors() {
        Relu relu = new Relu();
        qt().withFixedSeed(SEED).withExamples(200).forAll(Tensors.kinkAdjacent(Tensors.shapes(1, 2, 4), 0.0)).checkAssert(x -> {
            Tensor dy = x.map(v -> 1.5);
            Tensor dx = relu.backward(Map.of("x", x), Map.of("dy", dy), NONE).get("dx");
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.get(i) > 0 ? 1.5 : 0.0, dx.get(i), "x = " + x.get(i));
            }
        });
    }

    /** Every catalogue sample provides every required input, and the same seed gives the same inputs. */
    @Test
    void catalogueSamplesAreCompleteAndReproducible() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        qt().withFixedSeed(SEED).withExamples(40 * Math.max(1, Catalogue.entries().size()))
                .forAll(CatalogueGens.samples(e -> true, 2)).checkAssert(s -> {
                    seen.add(s.key());
                    for (TensorSpec t : s.entry().inputs()) {
                        if (!t.optional()) {
                            assertTrue(s.inputs().containsKey(t.name()), s + " lacks input " + t.name());
                        }
                        Tensor v = s.inputs().get(t.name());
                        if (v != null && t.integral()) {
                            assertTrue(v.isIntegral(), s + ": " + t.name() + " should hold integers");
                        }
                    }
                    CatalogueSample again = CatalogueGens.sample(s.entry(), s.paramSet(), s.size(), s.seed());
                    assertEquals(s.inputs(), again.inputs(), s + " is not reproducible from its seed");
                });
        for (Entry e : Catalogue.entries()) {
            assertTrue(seen.contains(Catalogue.key(e.family(), e.id())), "never sampled: " + e.id() + " (seen " + seen + ")");
        }
    }
}
