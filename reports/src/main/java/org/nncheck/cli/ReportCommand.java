package org.nncheck.cli;

import java.io.IOException;
import org.nncheck.sanity.IdxDataset;
import org.nncheck.sanity.Progress;
import org.nncheck.sanity.SanityChecks;
import org.nncheck.sanity.SanityConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nncheck.conformance.Implementation;
import org.nncheck.gpu.Devices;
import org.nncheck.outcome.Outcome;
import org.nncheck.outcome.Outcomes;
import org.nncheck.outcome.RunEnvironment;
import org.nncheck.report.Embedded;
import org.nncheck.report.Parts;
import org.nncheck.report.ReportWriter;
import org.nncheck.sanity.SanityCheckResult;
import org.nncheck.training.TrainingLogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck report [--impl CLASS [--classpath PATH]] [--cases DIR] [--log FILE]... [--out DIR]}:
 * an Allure single-file HTML report ({@code DIR/index.html}), with {@code DIR/junit.xml} and
 * {@code DIR/allure-results/}.
 * <ul>
 *   <li>{@code --impl}: the conformance kit and the gradient checks of that implementation;</li>
 *   <li>{@code --cases}: every case under the folder (expected rejections: docs/SPEC-EXTENSIONS.md);</li>
 *   <li>{@code --log}: a training log's diagnoses with its curves;</li>
 *   <li>none of them: the embedded default (example cases, gradient checks of the catalogue,
 *       conformance of the OpenCL implementation, training sanity checks).</li>
 * </ul>
 * Progress on the console, then where the report is and {@code N passed, M failed}; exit 0 when
 * nothing failed, 1 when something did, 2 on a bad argument.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Check your implementation, cases or training log (or, with none, the embedded default) and write an Allure HTML report.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "nncheck-report", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--impl", paramLabel = "ID|CLASS",
            description = "Conformance and gradient checks of this implementation: gpu, gpu-float64, reference, or a class implementing org.nncheck.conformance.Implementation.")
    String impl;

    @Option(names = "--classpath", paramLabel = "PATH", description = "Jars or folders holding the --impl class.")
    String classpath;

    @Option(names = "--cases", paramLabel = "DIR", description = "Verify every case under DIR (pass/ and fail/ subfolders optional).")
    Path cases;

    @Option(names = "--log", paramLabel = "FILE", description = "Diagnose a training log (CSV or JSON Lines) and plot its curves; repeatable.")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20261123", description = "Seed of the conformance kit (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        boolean user = impl != null || cases != null || !logs.isEmpty();
        if (classpath != null && impl == null) {
            err.println("nncheck report: --classpath needs --impl");
            return 2;
        }
        if (cases != null && !Files.isDirectory(cases)) {
            err.println("nncheck report: --cases: no such folder: " + cases);
            return 2;
        }
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                err.println("nncheck report: --log: no such file: " + log);
                return 2;
            }
        }
        Implementation implementation = null;
        if (impl != null) {
            try {
                implementation = Implementations.resolve(impl, classpath);
            } catch (Implementations.ImplException e) {
                err.println("nncheck report: " + e.getMessage());
                return 2;
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        Parts parts = new Parts(o);
        List<Outcome> outcomes = new ArrayList<>();
        String title;
        if (!user) {
            title = "nncheck report: embedded default";
            Optional<Path> examples = Embedded.exampleCases();
            if (examples.isEmpty()) {
                err.println("nncheck report: the example cases (" + Embedded.EXAMPLE_CASES + ") are not beside this nncheck build; give --cases DIR");
                return 2;
            }
            o.println("nncheck report: the embedded default (example cases, gradient checks of the catalogue, conformance of the OpenCL "
                    + "implementation, training sanity checks)");
            o.flush();
            outcomes.addAll(parts.cases(examples.get(), "Example cases (PyTorch 1.13)"));
            Optional<Path> onnx = Embedded.onnxCases();
            if (onnx.isPresent()) {
                outcomes.addAll(parts.cases(onnx.get(), "Example cases (ONNX pooling tests)"));
            }
            env.put("example cases", Embedded.EXAMPLE_CASES + onnx.map(x -> ", " + Embedded.ONNX_CASES).orElse(""));
            outcomes.addAll(parts.gradchecks(Implementation.reference(), "Gradient checks of the reference"));
            Devices.Survey survey = Devices.survey();
            env.put("OpenCL device", survey.openCl() ? survey.chosen().get().name() : "none (" + survey.problem().orElse("none found") + ")");
            if (survey.openCl()) {
                Implementation gpu = Implementations.gpu(org.nncheck.gpu.Precision.F32);
                outcomes.addAll(parts.conformance(gpu, "Conformance of " + gpu.name(), seed));
            } else {
                outcomes.add(Parts.notRun("Conformance of the OpenCL implementation", "OpenCL", "conformance of the OpenCL implementation",
                        "not run: no OpenCL device (" + survey.problem().orElse("none found") + ")"));
            }
            env.put("conformance seed", Long.toString(seed));
            Optional<List<SanityCheckResult>> sanity = defaultSanityChecks(o);
            if (sanity.isPresent()) {
                outcomes.addAll(parts.sanity(sanity.get()));
            } else {
                outcomes.add(Parts.notRun(org.nncheck.outcome.SanityOutcomes.PART, "Fashion-MNIST", "training sanity checks",
                        "not run: the Fashion-MNIST data set is not installed (Debian dataset-fashion-mnist)"));
            }
        } else {
            List<String> what = new ArrayList<>();
            if (implementation != null) {
                String name = Implementations.describe(implementation);
                what.add(name);
                env.put("implementation", name + (classpath == null ? "" : " from " + classpath));
                env.put("conformance seed", Long.toString(seed));
                o.println("nncheck report: conformance and gradient checks of " + name);
                o.flush();
                outcomes.addAll(parts.conformance(implementation, "Conformance of " + implementation.name(), seed));
                outcomes.addAll(parts.gradchecks(implementation, "Gradient checks of " + implementation.name()));
            }
            if (cases != null) {
                what.add("cases " + cases.toAbsolutePath().normalize().getFileName());
                env.put("cases", cases.toAbsolutePath().normalize().toString());
                outcomes.addAll(parts.cases(cases, "Cases " + cases.getFileName()));
            }
            for (Path log : logs) {
                what.add("log " + log.getFileName());
                env.merge("training log", log.toAbsolutePath().normalize().toString(), (a, b) -> a + ", " + b);
                try {
                    outcomes.addAll(parts.trainingLog(log));
                } catch (TrainingLogException e) {
                    err.println("nncheck report: --log: " + e.getMessage());
                    return 2;
                }
            }
            title = "nncheck report: " + String.join(", ", what);
        }
        Outcomes run = new Outcomes(title, outcomes, RunEnvironment.of(env));
        o.println("writing the Allure report ...");
        o.flush();
        Path index = ReportWriter.write(run, out);
        o.printf(Locale.ROOT, "report: %s (%.1f MB, %.0f s in all)%n", index, Files.size(index) / 1e6, (System.nanoTime() - t0) / 1e9);
        o.println(run.closingLine());
        o.flush();
        return run.anyBad() ? 1 : 0;
    }

    /**
     * The default report's training sanity checks on Fashion-MNIST ({@code org.nncheck.sanity},
     * SPEC section 4.1), the same run as {@code nncheck sanity}; progress goes to the console.
     * Empty, with the reason printed, when the data set is not installed (the report then shows
     * the part as not run, saying why).
     */
    static Optional<List<SanityCheckResult>> defaultSanityChecks(PrintWriter progress) {
        IdxDataset dataset;
        try {
            dataset = IdxDataset.load(IdxDataset.DEFAULT_DIR, null);
        } catch (IOException e) {
            progress.println("training sanity checks: not run: " + e.getMessage()
                    + " (install Debian's dataset-fashion-mnist)");
            progress.flush();
            return Optional.empty();
        }
        progress.println("training sanity checks on " + IdxDataset.DEFAULT_DIR + " (about a minute) ...");
        progress.flush();
        SanityConfig config = new SanityConfig(false, SanityConfig.defaults(Progress.SILENT).seed(), new Progress(progress));
        return Optional.of(new SanityChecks(dataset, config).runAll().checks());
    }
}
