package org.nncheck.gen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.quicktheories.core.Gen;

/**
 * Coverage counters for property tests: how often each class of generated value (a subnormal,
 * a value next to a kink, an overflow-sized argument...) was really produced, so a test can
 * prove its edges were sampled rather than hope so.
 *
 * <pre>
 *   Coverage cov = new Coverage();
 *   Gen&lt;Double&gt; xs = cov.counting(Values.extremes(), Values::classify);
 *   qt().withFixedSeed(SEED).forAll(xs).check(x -&gt; ...);
 *   cov.assertAtLeast(1, "subnormal", "overflow-sized");
 * </pre>
 */
public final class Coverage {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** Counts one occurrence of {@code label}. */
    public void record(String label) {
        counts.computeIfAbsent(label, k -> new AtomicLong()).incrementAndGet();
    }

    /** How often {@code label} was recorded. */
    public long count(String label) {
        AtomicLong c = counts.get(label);
        return c == null ? 0 : c.get();
    }

    /** All counts, by label. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** A generator that records the class of every value it produces. */
    public <T> Gen<T> counting(Gen<T> gen, Function<? super T, String> classifier) {
        return gen.map(v -> {
            record(classifier.apply(v));
            return v;
        });
    }

    /**
     * Fails unless every label was seen at least {@code min} times.
     *
     * @throws AssertionError listing all counts
     */
    public void assertAtLeast(long min, String... labels) {
        StringBuilder missing = new StringBuilder();
        for (String l : labels) {
            if (count(l) < min) {
                missing.append(missing.length() == 0 ? "" : ", ").append(l).append(" (").append(count(l)).append(')');
            }
        }
        if (missing.length() > 0) {
            throw new AssertionError("coverage: fewer than " + min + " samples of " + missing + "; all counts " + counts());
        }
    }

    @Override
    public String toString() {
        return "Coverage" + counts();
    }
}
