package org.nncheck.outcome;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The environment block of a run: nncheck version and commit, JVM, OS, date, and whatever the
 * command adds (OpenCL device, seeds).
 */
public final class RunEnvironment {

    private RunEnvironment() {
    }

    /** Version, commit, JVM, OS, processors and the date; {@code extra} entries follow in order. */
    public static Map<String, String> of(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("nncheck", version());
        env.put("commit", commit());
        env.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.putAll(extra);
        return env;
    }

    /** The project version the CLI was built as (Maven's, filtered into a resource at build time). */
    public static String version() {
        try (var in = RunEnvironment.class.getResourceAsStream("nncheck-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The git commit of the checkout the CLI was built in (found from the location of its classes,
     * {@code reports/target/...}), with {@code -dirty} when it has uncommitted changes;
     * {@code unknown} outside a git checkout or without git.
     */
    static String commit() {
        try {
            Path here = Path.of(RunEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(here) ? here : here.getParent();
            String head = git(dir, "rev-parse", "--short=12", "HEAD");
            if (head == null) {
                return "unknown";
            }
            String status = git(dir, "status", "--porcelain", "--untracked-files=no");
            return head + (status != null && !status.isEmpty() ? "-dirty" : "");
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String git(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
