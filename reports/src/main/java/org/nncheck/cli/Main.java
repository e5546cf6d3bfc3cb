package org.nncheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nncheck} command line (SPEC.md section 3). Exit codes: 0 all passed, 1 a check
 * failed, 2 an argument or an input was malformed. User mistakes are reported as one plain
 * message, never as a stack trace.
 */
@Command(name = "nncheck", mixinStandardHelpOptions = true, version = "nncheck 0.1.0",
        description = "Ground truth and checking kit for neural-network training components.",
        subcommands = {VerifyCommand.class, GenerateCommand.class, GradcheckCommand.class, ConformanceCommand.class, DevicesCommand.class, ReportCommand.class, SanityCommand.class,
                ListCommand.class, DescribeCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    private Main() {
    }

    /** Builds the command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            String what = ex instanceof java.io.IOException || ex.getMessage() == null
                    ? ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()) : ex.getMessage();
            cmd.getErr().println("nncheck " + cmd.getCommandName() + ": " + what);
            if (System.getenv("NNCHECK_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        org.nncheck.gpu.Gpu.disposeAll(); // OpenCL programs and buffers of pooled kernels
        System.exit(code);
    }
}
