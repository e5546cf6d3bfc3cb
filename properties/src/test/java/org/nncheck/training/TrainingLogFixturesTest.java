package org.nncheck.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nncheck.cases.Json;
import org.nncheck.cases.JsonReader;

/**
 * The detectors on logs of real PyTorch training runs (src/test/resources/training-logs, made by
 * tools/make_training_logs.py; its README says how): every injected problem is found with the
 * right id in every format that can show it, nothing but the problem and its known consequences is
 * reported, and healthy runs get no diagnosis at all.
 */
class TrainingLogFixturesTest {
    private static final String[] FORMATS = {"jsonl", "keras", "lightning"};

    static Path dir() throws URISyntaxException {
        return Path.of(TrainingLogFixturesTest.class.getResource("/training-logs/EXPECTED.json").toURI()).getParent();
    }

    static Json.JObject expected() throws Exception {
        return (Json.JObject) JsonReader.parse(Files.readString(dir().resolve("EXPECTED.json")), 1);
    }

    record Fixture(String run, String format, Path file, Set<String> expect, Set<String> allow) {
        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    static Stream<Fixture> fixtures() throws Exception {
        List<Fixture> out = new ArrayList<>();
        for (var e : expected().members().entrySet()) {
            Json.JObject run = (Json.JObject) e.getValue();
            Json.JObject expect = (Json.JObject) run.get("expect");
            Set<String> allow = strings(run.get("allow"));
            for (String f : FORMATS) {
                Path file = dir().resolve(e.getKey() + (f.equals("jsonl") ? ".jsonl" : "." + f + ".csv"));
                out.add(new Fixture(e.getKey(), f, file, expect.get(f) == null ? Set.of() : strings(expect.get(f)),
                        allow));
            }
        }
        return out.stream();
    }

    private static Set<String> strings(Json array) {
        Set<String> s = new TreeSet<>();
        for (Json j : ((Json.JArray) array).items()) {
            s.add(((Json.JString) j).value());
        }
        return s;
    }

    private static Set<String> ids(List<Diagnosis> ds) {
        Set<String> s = new TreeSet<>();
        ds.forEach(d -> s.add(d.id()));
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void diagnosisMatchesTheInjectedProblem(Fixture f) throws IOException {
        TrainingLog log = TrainingDiagnostics.read(f.file);
        List<Diagnosis> found = TrainingDiagnostics.diagnose(log);
        Set<String> ids = ids(found);
        assertTrue(ids.containsAll(f.expect), f + ": expected " + f.expect + ", found " + found);
        Set<String> extra = new TreeSet<>(ids);
        extra.removeAll(f.expect);
        extra.removeAll(f.allow);
        assertEquals(Set.of(), extra, f + ": diagnoses that are neither the injected problem nor its consequences: "
                + found);
        for (Diagnosis d : found) {
            assertFalse(d.advice().isBlank());
            assertFalse(d.evidence().isEmpty(), d.toString());
            d.evidence().values().forEach(v -> assertTrue(Double.isFinite(v), d.toString()));
        }
    }

    @Test
    void everyDiagnosisIdIsProvedOnSomeLog() throws Exception {
        Set<String> proved = new TreeSet<>();
        fixtures().forEach(f -> proved.addAll(f.expect));
        assertEquals(new TreeSet<>(List.of("nan_or_inf", "diverging", "lr_too_low", "initial_loss_off", "oscillating",
                "plateau_at_start", "vanishing_gradients", "exploding_gradients", "dying_relu", "saturation",
                "update_ratio_high", "update_ratio_low", "overfitting", "underfitting")), proved);
    }

    @Test
    void healthyRunsInEveryFormatWithAndWithoutLayerStatistics() throws Exception {
        List<Fixture> healthy = fixtures().filter(f -> f.run.startsWith("healthy_")).toList();
        assertTrue(healthy.size() >= 21, "at least 7 healthy runs in 3 formats: " + healthy.size());
        long withLayers = 0;
        for (Fixture f : healthy) {
            assertEquals(Set.of(), f.expect);
            assertEquals(Set.of(), f.allow);
            if (!TrainingDiagnostics.read(f.file).layers().isEmpty()) {
                withLayers++;
            }
        }
        assertTrue(withLayers >= 5, "healthy logs with per-layer statistics: " + withLayers);
    }
}
