package org.nncheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import org.nncheck.outcome.ReportFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nncheck.sanity.IdxDataset;
import org.nncheck.sanity.IdxFormatException;
import org.nncheck.sanity.Progress;
import org.nncheck.sanity.SanityCheckResult;
import org.nncheck.sanity.SanityChecks;
import org.nncheck.sanity.SanityConfig;
import org.nncheck.sanity.SanityJson;
import org.nncheck.sanity.SanityReport;
import org.nncheck.sanity.TrainingLogWriter;
import org.nncheck.training.Diagnosis;
import org.nncheck.training.LogMeta;
import org.nncheck.training.TrainingDiagnostics;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingLogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nncheck sanity [--data DIR] [--full] [--log FILE] [--num-classes C] [--json] [--report DIR]}
 * (SPEC section 4).
 * <ul>
 *   <li>Without {@code --log}: the training sanity checks on an IDX data set (Fashion-MNIST by
 *       default), {@link SanityChecks}: one line per check, then {@code N passed, M failed}; with
 *       {@code --json} the SPEC 4.1 object. Progress of long steps goes to stderr.</li>
 *   <li>With {@code --log FILE}: the training log is read and diagnosed
 *       ({@link TrainingDiagnostics}); one line per diagnosis, or with {@code --json}
 *       {@code {"diagnoses": [...], "records": N, ...}}. {@code --num-classes} overrides the
 *       log's meta.</li>
 * </ul>
 * {@code --report DIR} writes the {@code --json} object to {@code DIR/sanity.json} and every training
 * run's log to {@code DIR/logs/<run>.jsonl} (SPEC 4.2 JSON Lines, {@link TrainingLogWriter}).
 * Exit 0 when every check passes or nothing is diagnosed, 1 when a check fails or a problem is
 * diagnosed, 2 for an unreadable data set or log (the message names the file and the line).
 */
@Command(name = "sanity", mixinStandardHelpOptions = true,
        description = "Training sanity checks on Fashion-MNIST, or the diagnosis of a training log (--log).")
public final class SanityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder of IDX files (train/t10k images and labels, plain or .gz; default: ${DEFAULT-VALUE}).")
    Path data = IdxDataset.DEFAULT_DIR;

    @Option(names = "--full", description = "Run check 10 in full: a 784-100-10 ReLU net on the whole training set.")
    boolean full;

    @Option(names = "--log", paramLabel = "FILE", description = "Diagnose this training log (CSV or JSON Lines) instead of running the checks.")
    Path log;

    @Option(names = "--num-classes", paramLabel = "C", description = "Number of classes (the expected initial loss is ln C).")
    Integer numClasses;

    @Option(names = "--json", description = "Print a machine-readable JSON result instead of text.")
    boolean json;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write the results into DIR: DIR/sanity.json, DIR/junit.xml, DIR/allure-results/ and (for the checks) each training run's log as DIR/logs/<run>.jsonl.")
    Path reportDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (numClasses != null && numClasses < 2) {
            err.println("nncheck sanity: --num-classes must be at least 2, got " + numClasses);
            return 2;
        }
        try {
            return log != null ? diagnose() : checks();
        } catch (TrainingLogException | IOException e) {
            err.println("nncheck sanity: " + e.getMessage());
            return 2;
        }
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private int diagnose() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.currentTimeMillis();
        TrainingLog read = TrainingDiagnostics.read(log);
        LogMeta m = read.meta();
        TrainingLog withMeta = numClasses == null ? read : new TrainingLog(read.source(),
                new LogMeta(numClasses, m.loss(), m.batchSize(), m.trainSize(), m.framework()), read.layers(), read.records());
        List<Diagnosis> ds = TrainingDiagnostics.diagnose(withMeta);
        if (reportDir != null) {
            // DIR/sanity.json (the --json object), DIR/junit.xml and DIR/allure-results/ (a failed test per diagnosis,
            // the log's curves with the diagnoses marked attached), as the checks' --report
            Files.createDirectories(reportDir);
            Files.writeString(reportDir.resolve("sanity.json"), json(SanityJson.diagnoses(ds, withMeta.records().size(), log.toString())));
            ReportFiles.write(new org.nncheck.outcome.Outcomes("nncheck sanity --log " + log.getFileName(),
                    org.nncheck.outcome.TrainingLogOutcomes.of(withMeta, ds, t0, System.currentTimeMillis() - t0),
                    org.nncheck.outcome.RunEnvironment.of(Map.of("log", log.toString()))), reportDir);
        }
        if (json) {
            out.println(mapper().writeValueAsString(SanityJson.diagnoses(ds, withMeta.records().size(), log.toString())));
        } else {
            for (Diagnosis d : ds) {
                out.println(line(d));
            }
            out.println(withMeta.records().size() + " records, " + (ds.isEmpty() ? "no problem diagnosed" : ds.size() + " diagnoses"));
        }
        out.flush();
        return ds.isEmpty() ? 0 : 1;
    }

    static String line(Diagnosis d) {
        String evidence = d.evidence() == null ? "" : d.evidence().entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4g", e.getValue())).collect(Collectors.joining(", "));
        return d.id() + "  step " + (d.step() == null ? "-" : d.step()) + "  layer " + (d.layer() == null ? "-" : d.layer())
                + "  [" + evidence + "]  " + d.advice();
    }

    private int checks() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IdxDataset dataset;
        try {
            dataset = IdxDataset.load(data, numClasses);
        } catch (IdxFormatException e) {
            err.println("nncheck sanity: " + e.getMessage()
                    + (data.equals(IdxDataset.DEFAULT_DIR) ? " (install Debian's dataset-fashion-mnist, or give --data DIR)" : ""));
            return 2;
        }
        SanityConfig config = new SanityConfig(full, SanityConfig.defaults(Progress.SILENT).seed(), new Progress(err));
        SanityReport report = new SanityChecks(dataset, config).runAll();
        Map<String, Object> object = SanityJson.checks(report);
        if (json) {
            out.println(json(object));
        } else {
            for (SanityCheckResult c : report.checks()) {
                out.println((c.passed() ? "PASS  " : "FAIL  ") + c.id() + ": " + c.title());
                out.println("      " + c.detail());
            }
            long passed = report.checks().stream().filter(SanityCheckResult::passed).count();
            out.printf(Locale.ROOT, "%d passed, %d failed (%s, %.1f s)%n", passed, report.checks().size() - passed, report.dataset(),
                    report.duration().toNanos() / 1e9);
        }
        out.flush();
        if (reportDir != null) {
            Files.createDirectories(reportDir);
            Files.writeString(reportDir.resolve("sanity.json"), json(object));
            Path logs = Files.createDirectories(reportDir.resolve("logs"));
            for (TrainingLog l : report.logs()) {
                TrainingLogWriter.write(l, logs.resolve(fileName(l) + ".jsonl"));
            }
            // DIR/junit.xml and DIR/allure-results/ (figures as PNG attachments), as every command's --report
            ReportFiles.writeSanity(report.checks(), Map.of("data set", report.dataset(),
                    "seed", Long.toString(config.seed())), reportDir);
        }
        return report.allPassed() ? 0 : 1;
    }

    /** The run's name from the log's source ({@code nncheck sanity: <name>}), safe as a file name. */
    private static String fileName(TrainingLog l) {
        String name = l.source().substring(l.source().lastIndexOf(':') + 1).strip();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String json(Map<String, Object> object) throws JsonProcessingException {
        return mapper().writeValueAsString(object);
    }
}
