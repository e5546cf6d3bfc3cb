package org.nncheck.cli;

import org.nncheck.catalogue.Check;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nncheck.cases.CaseReader;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.CaseVerifier;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.gpu.Devices;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradientChecker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck report [--out DIR]}: the main job, on the embedded default.
 * <ol>
 *   <li>the shipped example cases (PyTorch 1.13, {@code examples/cases/pytorch-1.13}):
 *       {@code pass/} must all pass, {@code fail/} must all fail;</li>
 *   <li>finite-difference gradient checks of every differentiable catalogue entry;</li>
 *   <li>the conformance kit on the OpenCL implementation (float32 kernels) against the
 *       reference, when an OpenCL device exists (said plainly when not);</li>
 *   <li>what is not built yet (the training sanity checks).</li>
 * </ol>
 * Writes {@code DIR/index.html} and {@code DIR/junit.xml}; closes with {@code N passed, M failed}
 * over all checks; exit 0 when nothing failed.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Run the main job on the embedded default and write an HTML report.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "nncheck-report", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--cases", paramLabel = "DIR", defaultValue = "examples/cases/pytorch-1.13",
            description = "Example cases with pass/ and fail/ subfolders (default: ${DEFAULT-VALUE}).")
    Path cases;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20261123", description = "Seed of the conformance kit (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Parts of the report that are specified but not built yet. */
    static final List<String> NOT_BUILT = List.of(
            "training sanity checks on Fashion-MNIST (initial loss = ln C, regularization sign, overfitting a tiny set, "
                    + "learning-rate symptoms, activation statistics by depth and initializer) with plots");

    private record GradRow(String entry, int paramSet, String params, String mode, int samples, double worst, boolean passed,
                           String detail) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(cases.resolve("pass")) || !Files.isDirectory(cases.resolve("fail"))) {
            err.println("nncheck report: example cases not found: " + cases.toAbsolutePath()
                    + " needs pass/ and fail/ (run from the repository root or give --cases)");
            return 2;
        }
        long t0 = System.nanoTime();
        CaseVerifier verifier = new CaseVerifier();
        List<CaseResult> pass = run(verifier, cases.resolve("pass"));
        List<CaseResult> fail = run(verifier, cases.resolve("fail"));
        long passOk = pass.stream().filter(r -> r.status() == CaseResult.Status.PASS).count();
        long failOk = fail.stream().filter(r -> r.status() == CaseResult.Status.FAIL).count();
        o.printf(Locale.ROOT, "example cases, pass/: %d of %d accepted%n", passOk, pass.size());
        o.printf(Locale.ROOT, "example cases, fail/: %d of %d rejected%n", failOk, fail.size());

        List<GradRow> grads = gradchecks();
        long gradOk = grads.stream().filter(GradRow::passed).count();
        o.printf(Locale.ROOT, "gradient checks (reference): %d of %d passed%n", gradOk, grads.size());

        Devices.Survey survey = Devices.survey();
        List<CheckResult> conformance = List.of();
        if (survey.openCl()) {
            Implementation gpu = Implementations.gpu(org.nncheck.gpu.Precision.F32);
            conformance = ConformanceKit.run(gpu, seed);
            o.println("conformance of " + gpu.name() + " on " + survey.chosen().get().name() + ": " + ConformanceKit.summary(conformance));
        } else {
            o.println("conformance of the OpenCL implementation: not run, no OpenCL device (" + survey.problem().orElse("none found") + ")");
        }
        for (String n : NOT_BUILT) {
            o.println("not built yet: " + n);
        }
        Files.createDirectories(out);
        Path html = out.resolve("index.html");
        Files.writeString(html, html(pass, fail, grads, survey, conformance, (System.nanoTime() - t0) / 1e9), StandardCharsets.UTF_8);
        List<CaseResult> all = new ArrayList<>(pass);
        all.addAll(fail);
        CaseReports.writeJunit(out, all);
        o.println("report: " + html.toAbsolutePath());
        long wrongPass = pass.size() - passOk;
        long wrongFail = fail.size() - failOk;
        long confFailed = conformance.stream().filter(CheckResult::failed).count();
        long confPassed = conformance.stream().filter(CheckResult::passed).count();
        long passedAll = passOk + failOk + gradOk + confPassed;
        long failedAll = wrongPass + wrongFail + (grads.size() - gradOk) + confFailed;
        o.println(passedAll + " passed, " + failedAll + " failed");
        o.flush();
        return failedAll == 0 ? 0 : 1;
    }

    private static List<GradRow> gradchecks() {
        List<GradRow> rows = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable() || e.skipReason(Check.GRADIENT).isPresent()) {
                continue;
            }
            for (int p = 0; p < e.sampleParams().size(); p++) {
                for (boolean directional : new boolean[] {false, true}) {
                    var runs = CatalogueGradcheck.run(e, e.newReference(), p, directional, GradientChecker.Options.defaults());
                    boolean ok = runs.stream().allMatch(CatalogueGradcheck.Run::passed);
                    double worst = runs.stream().flatMap(r -> r.result().tensors().stream()).mapToDouble(org.nncheck.gradcheck.TensorReport::rawRelError)
                            .max().orElse(0);
                    String detail = runs.stream().filter(r -> !r.passed()).findFirst()
                            .map(r -> r.where() + "\n" + r.result().table(r.tolerance())).orElse("");
                    rows.add(new GradRow(Catalogue.key(e.family(), e.id()), p, String.valueOf(e.sampleParams().get(p)),
                            directional ? "directional" : "dense", runs.size(), worst, ok, detail));
                }
            }
        }
        return rows;
    }

    private static List<CaseResult> run(CaseVerifier v, Path dir) throws IOException {
        List<CaseResult> out = new ArrayList<>();
        for (Path f : CaseReader.files(List.of(dir))) {
            for (CaseReader.Parsed p : CaseReader.read(f)) {
                out.add(p instanceof CaseReader.Parsed.Ok ok ? v.verify(ok.value()) : CaseVerifier.malformed((CaseReader.Parsed.Malformed) p));
            }
        }
        return out;
    }

    private String html(List<CaseResult> pass, List<CaseResult> fail, List<GradRow> grads, Devices.Survey survey,
                        List<CheckResult> conformance, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>nncheck report</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;vertical-align:top}")
                .append(".ok{background:#e6ffe6}.bad{background:#ffe0e0}.skip{background:#f0f0f0;color:#777}pre{margin:0;font-size:11px}</style></head><body>")
                .append("<h1>nncheck report</h1><p>").append(String.format(Locale.ROOT, "Generated in %.1f s.", seconds)).append("</p>");
        sb.append("<h2>Not built yet</h2><ul>");
        for (String n : NOT_BUILT) {
            sb.append("<li>").append(esc(n)).append("</li>");
        }
        sb.append("</ul><h2>Catalogue</h2><p>").append(Catalogue.entries().size())
                .append(" components.</p><table><tr><th>family</th><th>components</th></tr>");
        for (Family f : Family.values()) {
            List<String> have = Catalogue.entries(f).stream().map(Entry::id).toList();
            sb.append("<tr><td>").append(esc(f.title())).append("</td><td>").append(esc(String.join(", ", have))).append("</td></tr>");
        }
        sb.append("</table>");
        sb.append("<h2>OpenCL device</h2><pre>").append(esc(Devices.report())).append("</pre>");
        sb.append("<h2>Conformance kit on the OpenCL implementation (float32)</h2>");
        if (conformance.isEmpty()) {
            sb.append("<p>Not run: no OpenCL device (").append(esc(survey.problem().orElse("none found"))).append(").</p>");
        } else {
            sb.append("<p>").append(esc(ConformanceKit.summary(conformance))).append("</p><table><tr><th>entry</th><th>check</th><th>verdict</th><th>detail</th></tr>");
            for (CheckResult r : conformance) {
                String cls = r.passed() ? "ok" : r.failed() ? "bad" : "skip";
                sb.append("<tr class=\"").append(cls).append("\"><td>").append(esc(r.entry())).append("</td><td>").append(esc(r.check()))
                        .append("</td><td>").append(r.status()).append("</td><td><pre>").append(esc(r.detail())).append("</pre></td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("<h2>Gradient checks of the reference</h2><p>Richardson-extrapolated central differences, kink-aware; "
                + "largest relative error |a - n| / max(|a|, |n|, 1e-6 * tensor scale) over the checked elements (before subtracting the finite-difference error estimate).</p>"
                + "<table><tr><th>entry</th><th>params</th><th>mode</th><th>samples</th><th>worst raw rel err</th><th>verdict</th></tr>");
        for (GradRow g : grads) {
            sb.append("<tr class=\"").append(g.passed() ? "ok" : "bad").append("\"><td>").append(esc(g.entry())).append("</td><td>#")
                    .append(g.paramSet()).append(" ").append(esc(g.params())).append("</td><td>").append(g.mode()).append("</td><td>")
                    .append(g.samples()).append("</td><td>").append(String.format(Locale.ROOT, "%.2e", g.worst())).append("</td><td>")
                    .append(g.passed() ? "PASS" : "FAIL<pre>" + esc(g.detail()) + "</pre>").append("</td></tr>");
        }
        sb.append("</table>");
        section(sb, "Example cases that must pass (PyTorch 1.13)", pass, CaseResult.Status.PASS);
        section(sb, "Example cases that must fail (injected bugs)", fail, CaseResult.Status.FAIL);
        return sb.append("</body></html>").toString();
    }

    private static void section(StringBuilder sb, String title, List<CaseResult> results, CaseResult.Status want) {
        sb.append("<h2>").append(esc(title)).append("</h2><table><tr><th>case</th><th>component</th><th>verdict</th><th>detail</th></tr>");
        for (CaseResult r : results) {
            String cls = r.status() == want ? "ok" : "bad";
            String detail = r.message() != null ? r.message() : r.worstTensor() == null ? "" : r.worstTensor().describe();
            if (!r.alternatives().isEmpty()) {
                detail += "; would match under: " + String.join("; ", r.alternatives());
            }
            sb.append("<tr class=\"").append(cls).append("\"><td>").append(esc(r.id())).append("</td><td>").append(esc(String.valueOf(r.component())))
                    .append("</td><td>").append(r.status()).append("</td><td>").append(esc(detail)).append("</td></tr>");
        }
        sb.append("</table>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
