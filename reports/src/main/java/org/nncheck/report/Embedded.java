package org.nncheck.report;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Inputs of the embedded default report that live in the repository (the example cases), found
 * from where the CLI's classes are ({@code reports/target/nncheck.jar} or
 * {@code reports/target/classes}), so that {@code nncheck report} runs from any working directory.
 */
public final class Embedded {

    /** The example cases, relative to the repository root. */
    public static final Path EXAMPLE_CASES = Path.of("examples", "cases", "pytorch-1.13");

    /** ONNX's own pooling node tests, transcribed (examples/cases/onnx/README.md), relative to the repository root. */
    public static final Path ONNX_CASES = Path.of("examples", "cases", "onnx");

    private Embedded() {
    }

    /** The repository root: the nearest folder above the CLI's classes that holds the example cases. */
    public static Optional<Path> repositoryRoot() {
        try {
            Path p = Path.of(Embedded.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            for (; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(EXAMPLE_CASES))) {
                    return Optional.of(p);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The shipped example cases, when the repository is there. */
    public static Optional<Path> exampleCases() {
        return repositoryRoot().map(r -> r.resolve(EXAMPLE_CASES));
    }

    /** The transcribed ONNX pooling cases, when the repository has them. */
    public static Optional<Path> onnxCases() {
        return repositoryRoot().map(r -> r.resolve(ONNX_CASES)).filter(Files::isDirectory);
    }
}
