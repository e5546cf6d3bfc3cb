package org.nncheck.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.nncheck.cases.Json;
import org.nncheck.cases.JsonReader;

/**
 * Prints, for a folder of fixture logs with its EXPECTED.json, the measurement table of
 * docs/TRAINING-LOGS.md: per diagnosis id, on how many logs it was expected and found, how often
 * it was reported besides the expected ids (allowed consequences or not), and its false alarms on
 * healthy logs; then every log whose diagnosis does not match. A tool, not a test:
 * {@code java -cp properties/target/classes:properties/target/test-classes
 * org.nncheck.training.TrainingLogTally properties/src/test/resources/training-logs/heldout}.
 */
public final class TrainingLogTally {
    static final List<String> IDS = List.of("nan_or_inf", "diverging", "lr_too_low", "initial_loss_off",
            "oscillating", "plateau_at_start", "vanishing_gradients", "exploding_gradients", "dying_relu",
            "saturation", "update_ratio_high", "update_ratio_low", "overfitting", "underfitting");

    private TrainingLogTally() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Json.JObject expected = (Json.JObject) JsonReader.parse(Files.readString(dir.resolve("EXPECTED.json")), 1);
        Map<String, int[]> t = new LinkedHashMap<>(); // expected, found, allowed extra, unallowed extra, healthy FA
        IDS.forEach(id -> t.put(id, new int[5]));
        List<String> wrong = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        int logs = 0;
        int healthyLogs = 0;
        int anyExpected = 0;
        int anyFound = 0;
        for (var e : expected.members().entrySet()) {
            Json.JObject run = (Json.JObject) e.getValue();
            Json.JObject expect = (Json.JObject) run.get("expect");
            Set<String> allow = strings(run.get("allow"));
            boolean healthy = e.getKey().startsWith("healthy_");
            for (String f : List.of("jsonl", "keras", "lightning")) {
                Path file = dir.resolve(e.getKey() + (f.equals("jsonl") ? ".jsonl" : "." + f + ".csv"));
                Set<String> exp = expect.get(f) == null ? Set.of() : strings(expect.get(f));
                Json.JObject anyOf = (Json.JObject) run.get("expect_any");
                Set<String> any = anyOf == null || anyOf.get(f) == null ? Set.of() : strings(anyOf.get(f));
                Set<String> found = new TreeSet<>();
                TrainingDiagnostics.diagnose(TrainingDiagnostics.read(file)).forEach(d -> found.add(d.id()));
                logs++;
                healthyLogs += healthy ? 1 : 0;
                boolean ok = found.containsAll(exp) && (any.isEmpty() || found.stream().anyMatch(any::contains));
                if (!any.isEmpty()) {
                    anyExpected++;
                    anyFound += found.stream().anyMatch(any::contains) ? 1 : 0;
                }
                for (String id : found) {
                    if (exp.contains(id)) {
                        continue;
                    }
                    if (healthy) {
                        t.get(id)[4]++;
                    } else if (allow.contains(id)) {
                        t.get(id)[2]++;
                    } else {
                        t.get(id)[3]++;
                    }
                    ok &= allow.contains(id);
                }
                for (String id : exp) {
                    t.get(id)[0]++;
                    t.get(id)[1] += found.contains(id) ? 1 : 0;
                }
                if (!healthy && found.isEmpty()) {
                    silent.add(file.getFileName().toString());
                }
                if (!ok) {
                    wrong.add(file.getFileName() + ": expected " + exp + (allow.isEmpty() ? "" : " allowing " + allow)
                            + ", found " + found);
                }
            }
        }
        System.out.println(logs + " logs, " + healthyLogs + " healthy");
        System.out.println("| id | detected / expected | besides expected: allowed | besides expected: not allowed "
                + "| false alarms on healthy logs |");
        System.out.println("|---|---|---|---|---|");
        t.forEach((id, c) -> System.out.println("| `" + id + "` | " + c[1] + " / " + c[0] + " | " + c[2] + " | " + c[3]
                + " | " + c[4] + " |"));
        System.out.println();
        System.out.println("logs expecting one of several ids (a learning rate far too high): " + anyFound + " / "
                + anyExpected);
        System.out.println();
        wrong.forEach(w -> System.out.println("- " + w));
        System.out.println();
        System.out.println("problem logs with no diagnosis at all (" + silent.size() + "): " + String.join(", ", silent));
    }

    private static Set<String> strings(Json array) {
        Set<String> s = new TreeSet<>();
        for (Json j : ((Json.JArray) array).items()) {
            s.add(((Json.JString) j).value());
        }
        return s;
    }
}
