package org.nncheck.gen;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators over the catalogue: a generated value is a seed, a parameter set and
 * a size hint, turned into inputs by the entry's own sample generator (so property tests
 * exercise exactly the inputs every other check uses). QuickTheories shrinks towards parameter
 * set 0, size 0 and seed 0.
 */
public final class CatalogueGens {
    private CatalogueGens() {
    }

    /** Samples of one entry, over all its sample parameter sets and size hints 0..maxSize. */
    public static Gen<CatalogueSample> samples(Entry e, int maxSize) {
        Gen<Integer> paramSet = Generate.range(0, e.sampleParams().size() - 1);
        Gen<Integer> size = Generate.range(0, Math.min(3, Math.max(0, maxSize)));
        Gen<Long> seed = Generate.longRange(0, Long.MAX_VALUE);
        return paramSet.zip(size, seed, (p, s, sd) -> sample(e, p, s, sd));
    }

    /** Samples of one entry, size hints 0..3. */
    public static Gen<CatalogueSample> samples(Entry e) {
        return samples(e, 3);
    }

    /** Samples of every entry that passes {@code filter}, the entry picked uniformly. */
    public static Gen<CatalogueSample> samples(Predicate<Entry> filter, int maxSize) {
        List<Entry> entries = Catalogue.entries().stream().filter(filter).toList();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no catalogue entry passes the filter");
        }
        return Generate.pick(entries).flatMap(e -> samples(e, maxSize));
    }

    /** Samples of every differentiable entry. */
    public static Gen<CatalogueSample> differentiable(int maxSize) {
        return samples(Entry::differentiable, maxSize);
    }

    /** The sample of entry {@code e} for a parameter set, size and seed (deterministic). */
    public static CatalogueSample sample(Entry e, int paramSet, int size, long seed) {
        Params params = e.params(e.sampleParams().get(paramSet));
        return new CatalogueSample(e, paramSet, params, size, seed, e.samples().sample(new SplittableRandom(seed), params, size));
    }
}
