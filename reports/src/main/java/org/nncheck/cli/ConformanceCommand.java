package org.nncheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
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
 * implementation. One line per check, then {@code N passed, M failed}; exit 0 / 1, 2 on a bad
 * argument.
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
        List<CheckResult> results = ConformanceKit.run(implementation, seed, entries);
        long millis = System.currentTimeMillis() - start;
        for (CheckResult r : results) {
            if (!quiet || r.failed()) {
                out.println(r.line());
            }
        }
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
