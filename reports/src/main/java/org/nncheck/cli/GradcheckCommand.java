package org.nncheck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradientChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck gradcheck [--component ID]... [--impl ID|CLASS]}: finite-difference gradient
 * checks (Richardson-extrapolated central differences, kink-aware) of every differentiable
 * catalogue entry on its generated inputs, dense and directional, with a per-tensor table.
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
        for (Entry e : entries) {
            if (!e.differentiable()) {
                continue;
            }
            Optional<String> skip = e.skipReason(Entry.CHECK_GRADIENT);
            Optional<Component> c = implementation.component(e);
            if (skip.isPresent() || c.isEmpty()) {
                out.println("SKIP " + Catalogue.key(e.family(), e.id()) + "  " + skip.orElse(Implementations.describe(implementation) + " does not provide it"));
                skipped++;
                continue;
            }
            for (int p = 0; p < e.sampleParams().size(); p++) {
                for (boolean directional : new boolean[] {false, true}) {
                    var runs = CatalogueGradcheck.run(e, c.get(), p, directional, base);
                    boolean ok = runs.stream().allMatch(CatalogueGradcheck.Run::passed);
                    double worst = runs.stream().mapToDouble(r -> r.result().worstRelError()).max().orElse(0);
                    double raw = runs.stream().flatMap(r -> r.result().tensors().stream()).mapToDouble(org.nncheck.gradcheck.TensorReport::rawRelError)
                            .max().orElse(0);
                    out.println(String.format(Locale.ROOT, "%s %s params#%d %s %s: %d samples, worst rel err %.2e net of the finite-difference error estimate (raw %.2e; tolerance %.0e)",
                            ok ? "PASS" : "FAIL", Catalogue.key(e.family(), e.id()), p, e.sampleParams().get(p),
                            directional ? "directional" : "dense", runs.size(), worst, raw, e.gradcheckTolerance()));
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
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        out.flush();
        return failed > 0 ? 1 : 0;
    }

}
