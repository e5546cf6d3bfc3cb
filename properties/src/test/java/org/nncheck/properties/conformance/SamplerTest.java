package org.nncheck.properties.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.conformance.Sampler;
import org.nncheck.core.Component;
import org.nncheck.reference.init.Initializer;

/**
 * Initializers that draw through the sampler hook: correct samplers pass on every seed, samplers
 * with the wrong spread or centre are rejected with the measured std ratio.
 */
class SamplerTest {
    private static final List<Entry> INITIALIZERS = Catalogue.entries().stream().filter(e -> e.family() == Family.INITIALIZER).toList();

    /** The reference initializers, drawing through the hook, with each draw transformed by {@code f}. */
    private static Implementation sampling(String name, DoubleUnaryOperator f) {
        return new Implementation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Component> component(Entry entry) {
                return Optional.of(entry.newReference());
            }

            @Override
            public Optional<Sampler> sampler(Entry entry) {
                Initializer init = (Initializer) entry.newReference();
                return Optional.of((shape, p, seed) -> init.sample(shape, p, new SplittableRandom(seed)).map(f));
            }
        };
    }

    @Test
    void correctSamplersPassOnEverySeed() {
        List<String> alarms = new ArrayList<>();
        int accepted = 0;
        for (long seed = 1; seed <= CorrectImplementationsTest.SEEDS; seed++) {
            for (CheckResult r : ConformanceKit.run(sampling("reference sampler", v -> v), seed, INITIALIZERS)) {
                if (r.failed()) {
                    alarms.add("seed " + seed + ": " + r.text());
                }
                if (r.check().equals(ConformanceKit.SAMPLES) && r.passed()) {
                    accepted++;
                    assertTrue(r.detail().contains("std ratio") || r.detail().contains("distribution: 0"), r.detail());
                }
            }
        }
        assertEquals(List.of(), alarms);
        assertEquals(INITIALIZERS.size() * CorrectImplementationsTest.SEEDS, accepted);
    }

    @Test
    void samplersWithTheWrongSpreadOrCentreAreRejected() {
        List<String> survivors = new ArrayList<>();
        for (var bug : List.of(new Object[] {"std 15% too wide", (DoubleUnaryOperator) v -> v * 1.15},
                new Object[] {"std 15% too narrow", (DoubleUnaryOperator) v -> v * 0.85},
                new Object[] {"shifted by 1", (DoubleUnaryOperator) v -> v + 1})) {
            for (Entry e : INITIALIZERS) {
                if (e.id().equals("zeros") || e.id().equals("constant")) {
                    continue; // point masses: a scaled zero is zero
                }
                List<CheckResult> r = ConformanceKit.run(sampling((String) bug[0], (DoubleUnaryOperator) bug[1]), 3, List.of(e));
                CheckResult s = r.stream().filter(x -> x.check().equals(ConformanceKit.SAMPLES)).findFirst().orElseThrow();
                if (!s.failed() || !s.detail().contains("std ratio")) {
                    survivors.add(bug[0] + " " + e.id() + ": " + s.text());
                }
            }
        }
        assertEquals(List.of(), survivors, () -> survivors.stream().collect(Collectors.joining("\n")));
    }

    private static final List<Entry> MASKED = List.of(Catalogue.get("dropout").orElseThrow(), Catalogue.get("dropconnect").orElseThrow());

    private static Implementation masks(String name, Sampler sampler) {
        return new Implementation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Component> component(Entry entry) {
                return Optional.of(entry.newReference());
            }

            @Override
            public Optional<Sampler> sampler(Entry entry) {
                return Optional.of(sampler);
            }
        };
    }

    @Test
    void correctDropoutMasksPassOnEverySeedAndKeepReadAsDropIsRejected() {
        List<String> alarms = new ArrayList<>();
        for (long seed = 1; seed <= CorrectImplementationsTest.SEEDS; seed++) {
            for (CheckResult r : ConformanceKit.run(masks("bernoulli", Sampler.bernoulliMask()), seed, MASKED)) {
                if (r.failed()) {
                    alarms.add("seed " + seed + ": " + r.text());
                }
                if (r.check().equals(ConformanceKit.SAMPLES)) {
                    assertTrue(r.passed() && r.detail().contains("keep rate"), r.text());
                }
            }
        }
        assertEquals(List.of(), alarms);
        Sampler keepAsDrop = (shape, p, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            return Sampler.bernoulliMask().sample(shape, p, seed).map(v -> rnd.nextDouble() < p.getDouble("p") ? 1 : 0);
        };
        for (Entry e : MASKED) {
            CheckResult r = ConformanceKit.run(masks("p read as the keep probability", keepAsDrop), 3, List.of(e)).stream()
                    .filter(x -> x.check().equals(ConformanceKit.SAMPLES)).findFirst().orElseThrow();
            assertTrue(r.failed() && r.detail().contains("keep rate"), r.text());
        }
    }

    @Test
    void withoutASamplerTheCheckIsSkippedWithTheReason() {
        List<CheckResult> r = ConformanceKit.run(Implementation.of("no sampler", id -> Catalogue.get(id).map(Entry::newReference)), 1,
                INITIALIZERS.subList(0, 1));
        CheckResult s = r.stream().filter(x -> x.check().equals(ConformanceKit.SAMPLES)).findFirst().orElseThrow();
        assertTrue(s.skipped() && s.detail().contains("no sampler hook"), s.text());
    }
}
