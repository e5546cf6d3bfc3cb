package org.nncheck.cli;

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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck report [--out DIR]}: the main job. Today it verifies the shipped example cases
 * (PyTorch 1.13, {@code examples/cases/pytorch-1.13}: {@code pass/} must all pass, {@code fail/}
 * must all fail) and lists the catalogue's state; it says plainly which parts of the report
 * are not built yet.
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

    /** Parts of the report that are specified but not built yet. */
    static final List<String> NOT_BUILT = List.of(
            "conformance kit run on the OpenCL implementation",
            "finite-difference gradient checks of the catalogue",
            "training sanity checks on Fashion-MNIST (initial loss, regularization, overfitting, learning rate, activation statistics)");

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(cases.resolve("pass")) || !Files.isDirectory(cases.resolve("fail"))) {
            err.println("nncheck report: example cases not found: " + cases.toAbsolutePath()
                    + " needs pass/ and fail/ (run from the repository root or give --cases)");
            return 2;
        }
        CaseVerifier verifier = new CaseVerifier();
        List<CaseResult> pass = run(verifier, cases.resolve("pass"));
        List<CaseResult> fail = run(verifier, cases.resolve("fail"));
        long passOk = pass.stream().filter(r -> r.status() == CaseResult.Status.PASS).count();
        long failOk = fail.stream().filter(r -> r.status() == CaseResult.Status.FAIL).count();
        long passNotBuilt = pass.stream().filter(ReportCommand::notBuilt).count();
        long failNotBuilt = fail.stream().filter(ReportCommand::notBuilt).count();
        o.printf(Locale.ROOT, "example cases, pass/: %d of %d accepted (%d for components not built yet)%n", passOk, pass.size(), passNotBuilt);
        o.printf(Locale.ROOT, "example cases, fail/: %d of %d rejected (%d for components not built yet)%n", failOk, fail.size(), failNotBuilt);
        int built = Catalogue.entries().size();
        int specified = Catalogue.SPEC_IDS.values().stream().mapToInt(List::size).sum();
        o.printf(Locale.ROOT, "catalogue: %d of %d SPEC components built%n", built, specified);
        for (String n : NOT_BUILT) {
            o.println("not built yet: " + n);
        }
        Files.createDirectories(out);
        Path html = out.resolve("index.html");
        Files.writeString(html, html(pass, fail, built, specified), StandardCharsets.UTF_8);
        CaseReports.writeJunit(out, concat(pass, fail));
        o.println("report: " + html.toAbsolutePath());
        long wrongPass = pass.stream().filter(r -> r.status() != CaseResult.Status.PASS && !notBuilt(r)).count();
        long wrongFail = fail.stream().filter(r -> r.status() != CaseResult.Status.FAIL && !notBuilt(r)).count();
        boolean ok = wrongPass == 0 && wrongFail == 0;
        o.println((passOk + failOk) + " passed, " + (wrongPass + wrongFail) + " failed");
        o.flush();
        return ok ? 0 : 1;
    }

    static boolean notBuilt(CaseResult r) {
        return r.status() == CaseResult.Status.MALFORMED && r.message() != null && r.message().contains("not yet in the catalogue");
    }

    private static List<CaseResult> concat(List<CaseResult> a, List<CaseResult> b) {
        List<CaseResult> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
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

    private String html(List<CaseResult> pass, List<CaseResult> fail, int built, int specified) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>nncheck report</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}")
                .append(".ok{background:#e6ffe6}.bad{background:#ffe0e0}.nb{background:#f0f0f0;color:#777}</style></head><body>")
                .append("<h1>nncheck report</h1>");
        sb.append("<h2>Not built yet</h2><ul>");
        for (String n : NOT_BUILT) {
            sb.append("<li>").append(esc(n)).append("</li>");
        }
        sb.append("</ul><h2>Catalogue</h2><p>").append(built).append(" of ").append(specified).append(" SPEC components built.</p><table><tr><th>family</th><th>built</th><th>not built yet</th></tr>");
        for (Family f : Family.values()) {
            List<String> have = Catalogue.entries(f).stream().map(Entry::id).toList();
            List<String> missing = Catalogue.SPEC_IDS.get(f).stream().filter(id -> !have.contains(id)).toList();
            sb.append("<tr><td>").append(esc(f.title())).append("</td><td>").append(esc(String.join(", ", have))).append("</td><td>")
                    .append(esc(String.join(", ", missing))).append("</td></tr>");
        }
        sb.append("</table>");
        section(sb, "Example cases that must pass (PyTorch 1.13)", pass, CaseResult.Status.PASS);
        section(sb, "Example cases that must fail (injected bugs)", fail, CaseResult.Status.FAIL);
        return sb.append("</body></html>").toString();
    }

    private static void section(StringBuilder sb, String title, List<CaseResult> results, CaseResult.Status want) {
        sb.append("<h2>").append(esc(title)).append("</h2><table><tr><th>case</th><th>component</th><th>verdict</th><th>detail</th></tr>");
        for (CaseResult r : results) {
            String cls = notBuilt(r) ? "nb" : r.status() == want ? "ok" : "bad";
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
