package org.nncheck.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nncheck.cases.CaseReader;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.CaseVerifier;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;
import org.nncheck.conformance.Implementation;
import org.nncheck.core.Component;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradientChecker;
import org.nncheck.outcome.CaseExpectations;
import org.nncheck.outcome.CaseOutcomes;
import org.nncheck.outcome.ConformanceOutcomes;
import org.nncheck.outcome.GradcheckOutcomes;
import org.nncheck.outcome.Outcome;
import org.nncheck.outcome.SanityOutcomes;
import org.nncheck.outcome.TrainingLogOutcomes;
import org.nncheck.sanity.SanityCheckResult;
import org.nncheck.training.Diagnosis;
import org.nncheck.training.TrainingDiagnostics;
import org.nncheck.training.TrainingLog;

/**
 * The parts of a report, each run to a list of outcomes, with a progress line per family or
 * folder on the console. One bad input or crashing component never stops the others.
 */
public final class Parts {

    private final PrintWriter progress;

    /** @param progress where progress lines go (the console) */
    public Parts(PrintWriter progress) {
        this.progress = progress;
    }

    /**
     * Every case under {@code dir} (recursively); expected rejections per {@link CaseExpectations}.
     * Suite = the case's folder relative to {@code dir}.
     */
    public List<Outcome> cases(Path dir, String part) throws IOException {
        long t0 = System.currentTimeMillis();
        CaseVerifier verifier = new CaseVerifier();
        CaseExpectations expectations = new CaseExpectations(dir);
        List<Outcome> out = new ArrayList<>();
        Path root = dir.toAbsolutePath().normalize();
        for (Path f : CaseReader.files(List.of(dir))) {
            Path folder = root.relativize(f.toAbsolutePath().normalize()).getParent();
            String suite = folder == null ? root.getFileName() + "/" : folder + "/";
            long start = System.currentTimeMillis();
            for (CaseReader.Parsed p : CaseReader.read(f)) {
                CaseResult r = p instanceof CaseReader.Parsed.Ok ok ? verify(verifier, ok) : CaseVerifier.malformed((CaseReader.Parsed.Malformed) p);
                Optional<String> reject = expectations.expectedRejection(r.file(), r.line(), r.id());
                out.add(CaseOutcomes.of(r, part, suite, reject, start));
                start += r.nanos() / 1_000_000;
            }
        }
        progress.printf(Locale.ROOT, "%s: %s (%.1f s)%n", part, count(out), (System.currentTimeMillis() - t0) / 1e3);
        progress.flush();
        return out;
    }

    private static CaseResult verify(CaseVerifier v, CaseReader.Parsed.Ok ok) {
        return v.verify(ok.value());
    }

    /** The conformance kit on {@code impl}, entry by entry (timed per entry), with a line per family. */
    public List<Outcome> conformance(Implementation impl, String part, long seed) {
        List<Outcome> out = new ArrayList<>();
        for (Family f : Family.values()) {
            long t0 = System.currentTimeMillis();
            List<Outcome> fam = new ArrayList<>();
            for (Entry e : Catalogue.entries(f)) {
                long start = System.currentTimeMillis();
                List<CheckResult> rs = ConformanceKit.run(impl, seed, List.of(e));
                fam.addAll(ConformanceOutcomes.of(part, rs, seed, start, System.currentTimeMillis() - start));
            }
            if (!fam.isEmpty()) {
                progress.printf(Locale.ROOT, "%s, %s: %s (%.1f s)%n", part, f.title(), count(fam), (System.currentTimeMillis() - t0) / 1e3);
                progress.flush();
            }
            out.addAll(fam);
        }
        return out;
    }

    /** A part that could not run: one skipped outcome saying why. */
    public static Outcome notRun(String part, String suite, String name, String why) {
        return new Outcome(part, suite, null, name, Outcome.Status.SKIPPED, null, why, "", System.currentTimeMillis(), 0, Map.of(), List.of());
    }

    /** Gradient checks of every differentiable entry {@code impl} provides, dense and directional. */
    public List<Outcome> gradchecks(Implementation impl, String part) {
        GradientChecker.Options base = impl.precision().unitRoundoff() > 0x1p-40
                ? GradientChecker.Options.float32().withUnitRoundoff(impl.precision().unitRoundoff())
                : GradientChecker.Options.defaults();
        List<Outcome> out = new ArrayList<>();
        for (Family f : Family.values()) {
            long t0 = System.currentTimeMillis();
            List<Outcome> fam = new ArrayList<>();
            for (Entry e : Catalogue.entries(f)) {
                if (!e.differentiable()) {
                    continue;
                }
                Optional<String> skip = e.skipReason(org.nncheck.catalogue.Check.GRADIENT);
                Optional<Component> c = skip.isPresent() ? Optional.empty() : component(impl, e);
                if (c.isEmpty()) {
                    fam.add(new Outcome(part, f.name().toLowerCase(Locale.ROOT), Catalogue.key(f, e.id()), "gradient check", Outcome.Status.SKIPPED,
                            null, skip.orElse(impl.name() + " does not provide it"), "", System.currentTimeMillis(), 0, Map.of(), List.of()));
                    continue;
                }
                for (int p = 0; p < e.sampleParams().size(); p++) {
                    for (boolean directional : new boolean[] {false, true}) {
                        long start = System.currentTimeMillis();
                        try {
                            var runs = CatalogueGradcheck.run(e, c.get(), p, directional, base);
                            fam.add(GradcheckOutcomes.of(part, e, p, directional, runs, start, System.currentTimeMillis() - start));
                        } catch (RuntimeException ex) {
                            fam.add(GradcheckOutcomes.crashed(part, e, p, directional, ex, start, System.currentTimeMillis() - start));
                        }
                    }
                }
            }
            if (!fam.isEmpty()) {
                progress.printf(Locale.ROOT, "%s, %s: %s (%.1f s)%n", part, f.title(), count(fam), (System.currentTimeMillis() - t0) / 1e3);
                progress.flush();
            }
            out.addAll(fam);
        }
        return out;
    }

    private static Optional<Component> component(Implementation impl, Entry e) {
        try {
            return impl.component(e);
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * The training sanity checks' part of the report, from the sanity engine's results. This is
     * the integration point of the default report with {@code org.nncheck.sanity} (issue 9): the
     * engine's {@code List<SanityCheckResult>} goes in here.
     */
    public List<Outcome> sanity(List<SanityCheckResult> results) {
        long total = results.stream().mapToLong(r -> r.duration() == null ? 0 : r.duration().toMillis()).sum();
        List<Outcome> out = SanityOutcomes.of(results, "Fashion-MNIST", System.currentTimeMillis() - total);
        progress.printf(Locale.ROOT, "%s: %s (%.1f s)%n", SanityOutcomes.PART, count(out), total / 1e3);
        progress.flush();
        return out;
    }

    /** A training log read and diagnosed; its curves with the diagnoses marked. */
    public List<Outcome> trainingLog(Path file) throws IOException {
        long t0 = System.currentTimeMillis();
        TrainingLog log = TrainingDiagnostics.read(file);
        List<Diagnosis> diagnoses = TrainingDiagnostics.diagnose(log);
        List<Outcome> out = TrainingLogOutcomes.of(log, diagnoses, t0, System.currentTimeMillis() - t0);
        progress.printf(Locale.ROOT, "%s %s: %d records, %s%n", TrainingLogOutcomes.PART, file,
                log.records().size(), diagnoses.isEmpty() ? "no problem diagnosed" : diagnoses.size() + " diagnoses");
        progress.flush();
        return out;
    }

    static String count(List<Outcome> os) {
        return new org.nncheck.outcome.Outcomes("", os, Map.of()).closingLine();
    }
}
