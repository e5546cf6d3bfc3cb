package org.nncheck.reference.activation;

import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;

/** Catalogue entries of the activations (SPEC.md section 1). */
public final class ActivationEntries {
    private ActivationEntries() {
    }

    /** The entries of this family. */
    public static List<Entry> entries() {
        return List.of(
                elementwise("sigmoid", "1/(1+e^-x), split by sign").reference(Sigmoid::new)
                        .samples((rnd, p, size) -> Map.of("x", Samples.normal(rnd, 0, 4, shape(rnd, size)))).build(),
                elementwise("relu", "max(0, x); dx = 0 at x = 0").reference(Relu::new)
                        .samples((rnd, p, size) -> Map.of("x", Samples.awayFrom(rnd, 2, 1e-2, new double[] {0}, shape(rnd, size))))
                        .gradcheckTolerance(1e-6).build());
    }

    private static Entry.Builder elementwise(String id, String summary) {
        return Entry.builder(id, Family.ACTIVATION).summary(summary).inputs(TensorSpec.diff("x")).outputs("y");
    }

    /** A random 2-D shape growing with the size hint. */
    static int[] shape(java.util.SplittableRandom rnd, int size) {
        int hi = 3 + 4 * size;
        return new int[] {Samples.dim(rnd, 1, hi), Samples.dim(rnd, 1, hi)};
    }

}
