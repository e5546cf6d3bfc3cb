package org.nncheck.cli;

import org.nncheck.catalogue.Check;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradientChecker;
import org.nncheck.outcome.GradcheckOutcomes;
import org.nncheck.outcome.Outcome;
import org.nncheck.outcome.Outcomes;
import org.nncheck.outcome.ReportFiles;
import org.nncheck.outcome.RunEnvironment;
import org.nncheck.report.Parts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck gradcheck [--component ID]... [--impl ID|CLASS]}: finite-difference gradient
 * checks (Richardson-extrapolated central differences, kink-aware) of every differentiable
 * catalogue entry on its generated inputs, element by element (colored where the entry declares a
 * dependence, else dense) and directional, with a per-tensor table; each line names the mode
 * the checker really used.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Finite-difference gradient checks of the catalogue with a per-tensor error table.")
public final class GradcheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ImplOptions implOptions;

    @Option(names = "--component", paramLabel = "ID", description = "Only these catalogue ids (repeatable).")
    List<String> components;

    @Option(names = "--tables", description = "Print the per-tensor table of every check, not only of failures.")
    boolean tables;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write JUnit XML (DIR/junit.xml) and Allure results (DIR/allure-results).")
    Path reportDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Implementation implementation = implOptions.resolve(err, "gradcheck");
        if (implementation == null) {
            return 2;
        }
        List<Entry> entries = CatalogueSelection.select(components, err);
        if (entries == null) {
            return 2;
        }
        GradientChecker.Options base = implementation.precision().unitRoundoff() > 0x1p-40
                ? GradientChecker.Options.float32().withUnitRoundoff(implementation.precision().unitRoundoff())
                : GradientChecker.Options.defaults();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        String part = "Gradient checks of " + implementation.name();
        List<Outcome> outcomes = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.differentiable()) {
                continue;
            }
            Optional<String> skip = e.skipReason(Check.GRADIENT);
            Optional<Component> c = implementation.component(e);
            if (skip.isPresent() || c.isEmpty()) {
                String why = skip.orElse(Implementations.describe(implementation) + " does not provide it");
                out.println("SKIP " + Catalogue.key(e.family(), e.id()) + "  " + why);
                outcomes.add(Parts.notRun(part, e.family().name().toLowerCase(Locale.ROOT), Catalogue.key(e.family(), e.id()), why));
                skipped++;
                continue;
            }
            for (int p = 0; p < e.sampleParams().size(); p++) {
                for (boolean directional : new boolean[] {false, true}) {
                    long start = System.currentTimeMillis();
                    var runs = CatalogueGradcheck.run(e, c.get(), p, directional, base);
                    outcomes.add(GradcheckOutcomes.of(part, e, p, directional, runs, start, System.currentTimeMillis() - start));
                    boolean ok = runs.stream().allMatch(CatalogueGradcheck.Run::passed);
                    double worst = runs.stream().mapToDouble(r -> r.result().worstRelError()).max().orElse(0);
                    double raw = runs.stream().flatMap(r -> r.result().tensors().stream()).mapToDouble(org.nncheck.gradcheck.TensorReport::rawRelError)
                            .max().orElse(0);
                    out.println(String.format(Locale.ROOT, "%s %s params#%d %s %s: %d samples, worst rel err %.2e net of the finite-difference error estimate (raw %.2e; tolerance %.0e)",
                            ok ? "PASS" : "FAIL", Catalogue.key(e.family(), e.id()), p, e.sampleParams().get(p),
                            GradcheckOutcomes.modeOf(runs, directional), runs.size(), worst, raw, e.gradcheckTolerance()));
                    for (var r : runs) {
                        if (!r.passed() || tables) {
                            out.println("  " + r.where());
                            r.result().table(r.tolerance()).lines().forEach(l -> out.println("    " + l));
                        }
                    }
                    if (ok) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        if (reportDir != null) {
            try {
                ReportFiles.write(new Outcomes("nncheck gradcheck", outcomes, RunEnvironment.of(Map.of("implementation",
                        Implementations.describe(implementation)))), reportDir);
            } catch (IOException ex) {
                err.println("nncheck gradcheck: cannot write the report to " + reportDir + ": " + ex.getClass().getSimpleName() + " " + ex.getMessage());
                out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
                out.flush();
                return 2;
            }
        }
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        out.flush();
        return failed > 0 ? 1 : 0;
    }

}
