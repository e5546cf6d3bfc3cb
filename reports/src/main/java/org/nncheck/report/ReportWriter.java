package org.nncheck.report;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.nncheck.outcome.AllureResultsWriter;
import org.nncheck.outcome.JunitXmlWriter;
import org.nncheck.outcome.Outcomes;

/**
 * Writes a complete report folder: {@code index.html} (Allure's single-file report),
 * {@code junit.xml} and {@code allure-results/}. Everything is written into a temporary folder
 * beside the target and moved into place only when complete, so an interrupted run never leaves
 * a report that looks complete (a previous report stays as it was, with its own date).
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** @return {@code out/index.html} */
    public static Path write(Outcomes run, Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        // an interrupted run (Ctrl-C) removes its partial folder on the way out
        Thread cleanup = new Thread(() -> {
            try {
                delete(tmp);
            } catch (IOException e) {
                // best effort: the folder's name says it is partial
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            readable(tmp);
            AllureResultsWriter.write(run, tmp.resolve("allure-results"));
            JunitXmlWriter.write(run, tmp.resolve("junit.xml"));
            Path work = Files.createTempDirectory(parent, "." + target.getFileName() + ".allure-");
            try {
                AllureHtml.generate(tmp.resolve("allure-results"), tmp.resolve("html"), run.title(), work.resolve("allure-generate.log"));
            } finally {
                delete(work);
            }
            Files.move(tmp.resolve("html").resolve("index.html"), tmp.resolve("index.html"));
            delete(tmp.resolve("html"));
            replace(tmp, target);
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            throw e;
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        return target.resolve("index.html");
    }

    /** Moves the finished folder into place; an existing report is moved aside first, then deleted. */
    private static void replace(Path finished, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new FileAlreadyExistsException(target + " exists and is not a folder");
            }
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            delete(old);
        }
    }

    /** A temporary folder is private (rwx------); a report folder is as readable as any other. */
    private static void readable(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void delete(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
