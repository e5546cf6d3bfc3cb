package org.nncheck.cases;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The case files under the paths a user gave: files as given, folders recursively
 * ({@code *.json} and {@code *.jsonl}, sorted, symbolic links followed, Allure result folders
 * skipped). A path that cannot be used (missing, unreadable, a symbolic-link loop, a FIFO or a
 * device that would block or never end) is a {@link Problem}; the other files are still listed.
 *
 * @param files readable regular case files, in order
 * @param problems the paths that could not be used, with why
 */
public record CaseFiles(List<Path> files, List<Problem> problems) {

    /** A path that is not a usable case file or folder. */
    public record Problem(Path path, String problem) {
    }

    public CaseFiles {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** Lists the case files under {@code paths}. */
    public static CaseFiles list(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                problems.add(new Problem(p, Files.isSymbolicLink(p) ? "a broken symbolic link" : "no such file or folder"));
            } else if (Files.isDirectory(p)) {
                walk(p, files, problems);
            } else if (!Files.isRegularFile(p)) {
                problems.add(new Problem(p, "not a regular file (a FIFO, device or socket): not read"));
            } else if (!Files.isReadable(p)) {
                problems.add(new Problem(p, "not readable (permission denied)"));
            } else {
                files.add(p);
            }
        }
        return new CaseFiles(files, problems);
    }

    private static boolean isCaseName(Path f) {
        String n = f.getFileName() == null ? "" : f.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".jsonl");
    }

    private static void walk(Path root, List<Path> files, List<Problem> problems) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals("allure-results") && !dir.equals(root)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (!isCaseName(f)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        found.add(f);
                    } else if (!attrs.isDirectory()) {
                        problems.add(new Problem(f, "not a regular file (a FIFO, device or socket): not read"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    problems.add(new Problem(f, e instanceof FileSystemLoopException ? "a symbolic link loop: not followed"
                            : e instanceof java.nio.file.AccessDeniedException ? "not readable (permission denied)"
                            : "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        problems.add(new Problem(dir, "could not be listed completely: " + e.getClass().getSimpleName() + " " + e.getMessage()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new Problem(root, "cannot be listed: " + e.getClass().getSimpleName() + " " + e.getMessage()));
        }
        found.sort(null);
        files.addAll(found);
    }
}
