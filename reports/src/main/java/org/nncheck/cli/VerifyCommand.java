package org.nncheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nncheck.cases.CaseFiles;
import org.nncheck.cases.CaseReader;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.CaseVerifier;
import org.nncheck.cases.TensorReport;
import org.nncheck.outcome.CaseJsonWriter;
import org.nncheck.outcome.CaseOutcomes;
import org.nncheck.outcome.Outcomes;
import org.nncheck.outcome.ReportFiles;
import org.nncheck.outcome.RunEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck verify [--json] [--report DIR] PATH...}: recomputes every case with the
 * reference and compares. One line per case, then {@code N passed, M failed}; exit 0 when all
 * pass, 1 when any fails, 2 when an argument or a case is malformed (the other cases are still
 * verified).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify case files (*.json, *.jsonl, or folders of them) against the reference.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a machine-readable JSON result instead of text.")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write JUnit XML (DIR/junit.xml) and Allure results (DIR/allure-results).")
    Path reportDir;

    @Option(names = "--quiet", description = "Print only failures, malformed cases and the closing line.")
    boolean quiet;

    @Option(names = "--shard", paramLabel = "I/N", description = "Verify only the I-th of N disjoint parts of the case files "
            + "(1 <= I <= N; files sorted by path and dealt out in turn), for CI matrices.")
    String shard;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Case files or folders (searched recursively).")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] part;
        try {
            part = shard == null ? new int[] {1, 1} : parseShard(shard);
        } catch (IllegalArgumentException e) {
            err.println("nncheck verify: --shard " + e.getMessage());
            return 2;
        }
        long t0 = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        CaseFiles listing = CaseFiles.list(paths);
        boolean badArgument = false;
        List<CaseResult> results = new ArrayList<>();
        for (CaseFiles.Problem problem : listing.problems()) {
            // a path that cannot be read (missing, a loop, a FIFO...) is named; the other files are still verified; exit 2
            err.println("nncheck verify: " + clean(problem.path() + ": " + problem.problem()));
            badArgument = true;
        }
        List<Path> files = shard(listing.files(), part[0], part[1]);
        if (listing.files().isEmpty()) {
            err.println("nncheck verify: no *.json or *.jsonl case files under " + paths);
            return 2;
        }
        CaseVerifier verifier = new CaseVerifier();
        java.util.concurrent.atomic.LongAdder readNanos = new java.util.concurrent.atomic.LongAdder();
        java.util.function.Consumer<List<CaseResult>> emit = fileResults -> {
            for (CaseResult r : fileResults) {
                results.add(r);
                if (!json) {
                    printLine(out, r);
                }
            }
        };
        // files are read and verified in parallel (each one streamed case by case), except big ones: those run alone, so
        // that a case too large for the heap is the only one that fails for memory; results are printed in file order
        long alone = Runtime.getRuntime().maxMemory() / 16;
        List<Path> batch = new ArrayList<>();
        for (Path f : files) {
            if (size(f) > alone) {
                batch.parallelStream().map(b -> verifyFile(verifier, b, readNanos)).forEachOrdered(emit);
                batch.clear();
                emit.accept(verifyFile(verifier, f, readNanos));
            } else {
                batch.add(f);
            }
        }
        batch.parallelStream().map(b -> verifyFile(verifier, b, readNanos)).forEachOrdered(emit);
        long elapsed = System.nanoTime() - t0;
        long passed = results.stream().filter(r -> r.status() == CaseResult.Status.PASS).count();
        long failed = results.stream().filter(r -> r.status() == CaseResult.Status.FAIL).count();
        long malformed = results.stream().filter(r -> r.status() == CaseResult.Status.MALFORMED).count();
        if (reportDir != null) {
            try {
                ReportFiles.write(new Outcomes("nncheck verify", CaseOutcomes.ofVerify(results, startMillis), RunEnvironment.of(Map.of())), reportDir);
            } catch (IOException e) {
                err.println("nncheck verify: cannot write the report to " + reportDir + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
                badArgument = true;
            }
        }
        if (json) {
            out.println(CaseJsonWriter.json(results, passed, failed, malformed));
        } else {
            if (malformed > 0) {
                out.println(malformed + " malformed (not verified; see the MALFORMED lines)");
            }
            out.println(passed + " passed, " + failed + " failed");
        }
        long bytes = files.stream().mapToLong(VerifyCommand::size).sum();
        err.println(String.format(Locale.ROOT, "verified %d cases from %d files in %.1f ms (%.0f cases/s); reading took %.1f ms"
                        + " (%.1f MB of case files, %.0f MB/s)", results.size(), files.size(), elapsed / 1e6, results.size() / (elapsed / 1e9),
                readNanos.sum() / 1e6, bytes / 1e6, bytes / 1e6 / (readNanos.sum() / 1e9)));
        out.flush();
        return malformed > 0 || badArgument ? 2 : failed > 0 ? 1 : 0;
    }

    /**
     * Reads and verifies one file; adds the time spent reading (the file's time less the
     * verifier's own per-case time, summed over threads) to {@code readNanos}.
     */
    private static List<CaseResult> verifyFile(CaseVerifier verifier, Path f, java.util.concurrent.atomic.LongAdder readNanos) {
        long t0 = System.nanoTime();
        List<CaseResult> rs = new ArrayList<>();
        // each case is verified as soon as it is read and then dropped: only its result is kept
        CaseReader.read(f, parsed -> rs.add(parsed instanceof CaseReader.Parsed.Ok ok ? verifier.verify(ok.value())
                : CaseVerifier.malformed((CaseReader.Parsed.Malformed) parsed)));
        readNanos.add(System.nanoTime() - t0 - rs.stream().mapToLong(CaseResult::nanos).sum());
        return rs;
    }

    private static long size(Path f) {
        try {
            return java.nio.file.Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    /** "I/N" with 1 <= I <= N. */
    static int[] parseShard(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})/(\\d{1,9})").matcher(s.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be I/N (e.g. 2/4), got '" + s + "'");
        }
        int i = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || i < 1 || i > n) {
            throw new IllegalArgumentException("must be I/N with 1 <= I <= N, got '" + s + "'");
        }
        return new int[] {i, n};
    }

    /**
     * The I-th of N parts: the files sorted by path and dealt out in turn (file k goes to part
     * k mod N + 1). Disjoint, together complete, and the same on every machine for the same files.
     */
    static List<Path> shard(List<Path> files, int i, int n) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(java.util.Comparator.comparing(Path::toString));
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            if (k % n == i - 1) {
                out.add(sorted.get(k));
            }
        }
        return out;
    }

    /** Control characters of ids and messages (which come from case files) are shown escaped, never sent to the terminal. */
    static String clean(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0)) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private void printLine(PrintWriter out, CaseResult r) {
        for (String line : lines(r)) {
            out.println(clean(line));
        }
    }

    private List<String> lines(CaseResult r) {
        List<String> l = new ArrayList<>();
        switch (r.status()) {
            case PASS -> {
                if (quiet) {
                    break;
                }
                if (r.tensors().isEmpty()) {
                    l.add("PASS  " + r.id() + "  " + r.component() + "  " + r.message());
                } else {
                    TensorReport w = r.worstTensor();
                    l.add(String.format(Locale.ROOT, "PASS  %s  %s  worst rel err %.2e (%s), %.0f%% of tolerance used", r.id(),
                            r.component(), w == null ? 0.0 : w.maxRelError(), w == null ? "-" : w.name(),
                            100 * r.tensors().stream().mapToDouble(TensorReport::toleranceUsed).max().orElse(0)));
                }
            }
            case FAIL -> {
                TensorReport w = r.worstTensor();
                l.add("FAIL  " + r.id() + "  " + r.component() + "  " + (w == null ? r.message() : w.describe()));
                for (TensorReport t : r.tensors()) {
                    if (!t.passed() && t != w) {
                        l.add("      also " + t.describe());
                    }
                }
                for (String a : r.alternatives()) {
                    l.add("      would match under: " + a);
                }
            }
            case MALFORMED -> l.add("MALFORMED  " + r.id() + "  " + r.message());
            default -> throw new IllegalStateException();
        }
        return l;
    }
}
