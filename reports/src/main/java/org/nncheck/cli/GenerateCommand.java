package org.nncheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nncheck.cases.CaseFormatException;
import org.nncheck.cases.CaseWriter;
import org.nncheck.cases.Dtype;
import org.nncheck.cases.Json;
import org.nncheck.cases.JsonReader;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nncheck generate}: writes reference cases for other implementations to test themselves against. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write reference cases for a component.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--component", required = true, paramLabel = "ID", description = "Catalogue id (constant_schedule / constant_init for the two constants).")
    String component;

    @Option(names = "--params", paramLabel = "JSON", defaultValue = "{}", description = "Parameters as a JSON object (default: the SPEC defaults).")
    String params;

    @Option(names = "--dtype", paramLabel = "D", defaultValue = "float64", description = "float64 or float32 (inputs are rounded to it).")
    String dtype;

    /** The most cases one run writes (a typo such as 2147483647 should not fill the disk). */
    static final int MAX_COUNT = 100_000;

    @Option(names = "--count", paramLabel = "K", defaultValue = "1", description = "Number of cases (1 to " + MAX_COUNT + ").")
    int count;

    @Option(names = "--npy", description = "Write every tensor to a .npy file beside the case (SPEC v1.1) instead of inline JSON.")
    boolean npy;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (case k uses S + k).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<Entry> found = Catalogue.find(component);
        if (found.size() != 1) {
            err.println("nncheck generate: " + (found.isEmpty()
                    ? "unknown component '" + component + "'"
                    : "'" + component + "' is ambiguous: use " + component + "_schedule or " + component + "_init"));
            return 2;
        }
        Entry entry = found.get(0);
        Dtype d;
        try {
            d = Dtype.parse(dtype);
        } catch (IllegalArgumentException e) {
            err.println("nncheck generate: unknown dtype '" + dtype + "' (float64, float32)");
            return 2;
        }
        if (count < 1 || count > MAX_COUNT) {
            err.println("nncheck generate: --count must be between 1 and " + MAX_COUNT + ", got " + count);
            return 2;
        }
        Map<String, Object> raw;
        try {
            Json j = JsonReader.parse(params, 1);
            if (!(j instanceof Json.JObject)) {
                err.println("nncheck generate: --params must be a JSON object, got " + j.kind());
                return 2;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.toPlain(j);
            raw = m;
        } catch (CaseFormatException e) {
            err.println("nncheck generate: --params: " + (e.path() == null || e.path().equals("$") ? "" : e.path() + ": ") + e.problem());
            return 2;
        }
        Files.createDirectories(out);
        try {
            for (int k = 0; k < count; k++) {
                String id = entry.id() + "-" + d.jsonName() + "-" + (seed + k);
                String text = CaseWriter.generate(entry, raw, d, seed + k, id, npy ? out : null);
                Files.writeString(out.resolve(id + ".json"), text + "\n", StandardCharsets.UTF_8);
            }
        } catch (ContractException | IllegalArgumentException e) {
            err.println("nncheck generate: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println("wrote " + count + " case(s) for " + entry.id() + " to " + out);
        return 0;
    }
}
