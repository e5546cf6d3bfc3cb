package org.nncheck.cli;

import org.nncheck.conformance.Implementation;
import picocli.CommandLine.Option;

/** The {@code --impl} and {@code --classpath} options shared by {@code conformance} and {@code gradcheck}. */
final class ImplOptions {

    @Option(names = "--impl", paramLabel = "ID|CLASS", defaultValue = "reference",
            description = "reference (default), gpu (OpenCL float32), gpu-float64, or a class implementing org.nncheck.conformance.Implementation.")
    String impl;

    @Option(names = "--classpath", paramLabel = "PATH", description = "Jars or folders holding the class.")
    String classpath;

    /** The implementation, or {@code null} after printing why not. */
    Implementation resolve(java.io.PrintWriter err, String command) {
        try {
            return Implementations.resolve(impl, classpath);
        } catch (Implementations.ImplException e) {
            err.println("nncheck " + command + ": " + e.getMessage());
            return null;
        }
    }
}
