package org.nncheck.report;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns Allure results into Allure's single-file HTML report (one {@code index.html} that opens
 * from {@code file://}) with Allure 2's own report generator: the {@code allure-commandline}
 * distribution that the build unpacks beside the CLI ({@code reports/target/allure-commandline},
 * see reports/pom.xml), run as a child JVM ({@code io.qameta.allure.CommandLine generate
 * --single-file}) so that its dependencies (another Jackson, Jetty, logback) never meet ours.
 * {@code -Dnncheck.allure.home=DIR} or {@code NNCHECK_ALLURE_HOME} points elsewhere.
 */
public final class AllureHtml {

    /** Longest the generator may take before it is stopped. */
    static final long TIMEOUT_SECONDS = 300;

    private AllureHtml() {
    }

    /** Where Allure's command line is, or why it cannot be found. */
    public static Path home() throws IOException {
        String given = System.getProperty("nncheck.allure.home", System.getenv("NNCHECK_ALLURE_HOME"));
        if (given != null) {
            Path p = Path.of(given);
            if (!Files.isDirectory(p.resolve("lib"))) {
                throw new IOException("Allure command line not found in " + p + " (no lib/ folder)");
            }
            return p;
        }
        Path base;
        try {
            Path code = Path.of(AllureHtml.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            base = code.getParent().resolve("allure-commandline");
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the nncheck classes: " + e.getMessage(), e);
        }
        Optional<Path> home = Optional.empty();
        if (Files.isDirectory(base)) {
            try (Stream<Path> s = Files.list(base)) {
                home = s.filter(p -> p.getFileName().toString().startsWith("allure-") && Files.isDirectory(p.resolve("lib"))).sorted().findFirst();
            }
        }
        return home.orElseThrow(() -> new IOException("Allure's command line is not unpacked in " + base
                + "; build the CLI with ./mvnw -B -DskipTests package (the launcher ./nncheck does)"));
    }

    /**
     * Generates {@code outDir/index.html} from {@code resultsDir}.
     *
     * @param name the report's name (shown on its summary)
     * @param log where the generator's own output goes
     * @return the index.html
     */
    public static Path generate(Path resultsDir, Path outDir, String name, Path log) throws IOException {
        Path home = home();
        Path config = log.resolveSibling("allure-nncheck.yml");
        // Allure's core (summary, suites, categories, environment, timeline, graphs) is all we use:
        // no plugins (the default profile would also load jira/xray exporters and readers of other formats)
        Files.writeString(config, "plugins: []\n", StandardCharsets.UTF_8);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-Djava.awt.headless=true",
                "-cp", home.resolve("lib") + "/*" + java.io.File.pathSeparator + home.resolve("lib").resolve("config"),
                "io.qameta.allure.CommandLine", "generate", "--single-file", "--clean", "--config", config.toString(),
                "--name", name, "-o", outDir.toString(), resultsDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("APP_HOME", home.toString());
        // no Google Analytics: neither the generator's usage ping nor the gtag script in the page
        pb.environment().put("ALLURE_NO_ANALYTICS", "true");
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Allure's report generator did not finish within " + TIMEOUT_SECONDS + " s (its output: " + log + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while Allure's report generator ran", e);
        }
        Path index = outDir.resolve("index.html");
        if (p.exitValue() != 0 || !Files.isRegularFile(index)) {
            String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            throw new IOException("Allure's report generator failed (exit " + p.exitValue() + "): "
                    + out.substring(Math.max(0, out.length() - 2000)));
        }
        return index;
    }
}
