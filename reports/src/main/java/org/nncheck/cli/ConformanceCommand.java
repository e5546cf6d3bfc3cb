package org.nncheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.ExitGuard;
import org.nncheck.conformance.Implementation;
import org.nncheck.outcome.ConformanceOutcomes;
import org.nncheck.outcome.Outcomes;
import org.nncheck.outcome.ReportFiles;
import org.nncheck.outcome.RunEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck conformance --impl ID|CLASS [--classpath PATH] [--seed S]}: the conformance kit
 * (comparison with the reference on generated inputs, gradient checks, contract rules) on an
 * implementation. One line per check as soon as it is known, followed by the check's whole
 * detail (every failing sample's differing tensors, gradient-check tables) indented, then
 * {@code N passed, M failed}; exit 0 / 1, 2 on a bad argument. The implementation cannot end the
 * run as a pass: {@code System.exit} from it ends the run with status 1 and says so.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance kit on an implementation: reference, gpu, gpu-float64, or a class implementing org.nncheck.conformance.Implementation.")
public final class ConformanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImplOptions implOptions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20261123", description = "Seed of the generated inputs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--component", paramLabel = "ID", description = "Only these catalogue ids (repeatable).")
    List<String> components;

    @Option(names = "--quiet", description = "Print only failed checks and the closing line.")
    boolean quiet;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write JUnit XML (DIR/junit.xml) and Allure results (DIR/allure-results).")
    Path reportDir;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Time limit of one check (default: the implementation's own, 120 s).")
    Long timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Implementation implementation = implOptions.resolve(err, "conformance");
        if (implementation == null) {
            return 2;
        }
        var entries = CatalogueSelection.select(components, err);
        if (entries == null) {
            return 2;
        }
        out.println("conformance of " + Implementations.describe(implementation) + " against the reference, seed " + seed);
        long start = System.currentTimeMillis();
        out.flush();
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            err.println("nncheck conformance: --timeout must be a positive number of seconds, got " + timeoutSeconds);
            return 2;
        }
        Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        // an implementation that ends the JVM (System.exit) anywhere in the run ends it as a failure, not a pass
        List<CheckResult> results = ExitGuard.during("conformance of " + Implementations.describe(implementation),
                () -> ConformanceKit.run(implementation, seed, entries, timeout, r -> {
                    if (!quiet || r.failed()) {
                        out.println(r.text());
                        out.flush();
                    }
                }));
        long millis = System.currentTimeMillis() - start;
        if (reportDir != null) {
            Outcomes run = new Outcomes("nncheck conformance", ConformanceOutcomes.of("Conformance of " + implementation.name(), results, seed,
                    start, millis), RunEnvironment.of(Map.of("implementation", Implementations.describe(implementation), "seed", Long.toString(seed))));
            try {
                ReportFiles.write(run, reportDir);
            } catch (IOException ex) {
                err.println("nncheck conformance: cannot write the report to " + reportDir + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
                out.println(ConformanceKit.summary(results));
                out.flush();
                return 2;
            }
        }
        out.println(ConformanceKit.summary(results));
        out.flush();
        return ConformanceKit.exitCode(results);
    }
}
