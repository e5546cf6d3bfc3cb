package org.nncheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nncheck.outcome.Category;
import org.nncheck.outcome.Outcome;
import org.nncheck.outcome.Outcomes;
import org.nncheck.outcome.SanityOutcomes;
import org.nncheck.plot.Figure;
import org.nncheck.plot.Series;
import org.nncheck.sanity.SanityCheckResult;

/**
 * The generated Allure report as a person sees it, in headless Chromium (Debian {@code chromium},
 * installed by .ci/run): the summary's total, a failing test reachable from the categories, and
 * a plot drawn on a test's page.
 */
class ReportInChromiumTest {

    @TempDir
    static Path dir;
    static Path index;

    static final String FAILING = "required_forward_matches_reference";
    static final String SANITY = "loss curves by normalization [normalization]";

    @BeforeAll
    static void writeReport() throws Exception {
        List<Outcome> os = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            os.add(new Outcome("Cases", "pass/", "relu", "case-" + i, Outcome.Status.PASSED, null, "accepted", "", 1000 + i, 1, Map.of(), List.of()));
        }
        os.add(new Outcome("Conformance of my.Impl", "optimizer", "optimizer/momentum", FAILING, Outcome.Status.FAILED, Category.NAMED_CONVENTION,
                "w[0]: case 0.9, reference 1.0; would match under: momentum as dampening (1 - momentum)", "", 2000, 30, Map.of("seed", "1"), List.of()));
        Figure curves = new Figure("loss by normalization", Figure.Kind.LINE, "step", "loss", false, false,
                List.of(new Series("batch norm", new double[] {0, 1, 2, 3}, new double[] {2.3, 1.2, 0.7, 0.5}),
                        new Series("none", new double[] {0, 1, 2, 3}, new double[] {2.3, 2.0, 1.8, 1.7})),
                List.of(new Figure.Marker(2, "diverges here")));
        os.addAll(SanityOutcomes.of(List.of(new SanityCheckResult("normalization", "loss curves by normalization", true, Map.of("steps", 3L),
                "batch norm trains faster", List.of(curves), Duration.ofMillis(800))), "Fashion-MNIST", 3000));
        index = ReportWriter.write(new Outcomes("nncheck report: chromium test", os, Map.of("seed", "1")), dir.resolve("report"));
    }

    static String chromium(String url, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--window-size=1400,1000", "--virtual-time-budget=10000"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("chromium is needed for this test (Debian package chromium; .ci/run installs it): " + e.getMessage(), e);
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed on " + url);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The page's visible markup: the DOM after the app rendered, without scripts. */
    static String dom(String fragment) throws Exception {
        String html = chromium(index.toUri() + fragment, "--dump-dom");
        int body = html.indexOf("<body");
        return html.substring(body).replaceAll("(?s)<script.*?</script>", "");
    }

    @Test
    void theSummaryShowsTheTotal() throws Exception {
        String page = dom("");
        Matcher m = Pattern.compile("splash__title\">\\s*(\\d+)\\s*<").matcher(page);
        assertTrue(m.find(), page.substring(0, Math.min(2000, page.length())));
        assertEquals("9", m.group(1));
        assertTrue(page.contains("nncheck report: chromium test"), "the report's name on the summary");
        assertFalse(Files.readString(index).contains("src=\"http"), "nothing is fetched from the network (no analytics script)");
    }

    @Test
    void theFailingTestIsReachableFromItsCategory() throws Exception {
        Path kept = Path.of("target", "report-screenshots");
        Files.createDirectories(kept);
        chromium(index.toUri() + "#categories/" + groupUid("Named convention") + "/" + testUid(FAILING) + "/",
                "--screenshot=" + kept.toAbsolutePath().resolve("failing-test.png"));
        String page = dom("#categories");
        assertTrue(page.contains("Named convention"), page);
        String uid = testUid(FAILING);
        String result = dom("#categories/" + groupUid("Named convention") + "/" + uid + "/");
        assertTrue(result.contains(FAILING), result);
        assertTrue(result.contains("would match under: momentum as dampening"), result);
    }

    @Test
    void aPlotIsDrawnOnItsTestsPage() throws Exception {
        JsonNode test = testCase(SANITY);
        String attachment = test.at("/testStage/attachments/0/uid").asText();
        Path png = dir.resolve("plot.png");
        chromium(index.toUri() + "#testresult/" + test.get("uid").asText() + "?attachment=" + attachment, "--screenshot=" + png);
        BufferedImage shot = ImageIO.read(png.toFile());
        long red = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 150 && ((rgb >> 8) & 0xff) < 40 && (rgb & 0xff) < 40) {
                    red++;
                }
            }
        }
        // kept for a person to look at (CI can archive it)
        Path kept = Path.of("target", "report-screenshots");
        Files.createDirectories(kept);
        Files.copy(png, kept.resolve("plot-attachment.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the plot's marker line is the only saturated red on the page
        assertTrue(red > 100, "the plot's red marker is on screen: " + red + " pixels, screenshot " + kept.resolve("plot-attachment.png"));
    }

    /** A test case's JSON as embedded in the single-file report ({@code d('data/test-cases/UID.json', BASE64)}). */
    static JsonNode testCase(String name) throws Exception {
        String html = Files.readString(index);
        Matcher m = Pattern.compile("d\\('data/test-cases/([0-9a-f]+)\\.json','([A-Za-z0-9+/=]+)'\\)").matcher(html);
        ObjectMapper json = new ObjectMapper();
        while (m.find()) {
            JsonNode t = json.readTree(Base64.getDecoder().decode(m.group(2)));
            if (name.equals(t.get("name").asText())) {
                return t;
            }
        }
        throw new AssertionError("no test case named " + name + " in the report");
    }

    static String testUid(String name) throws Exception {
        return testCase(name).get("uid").asText();
    }

    static String groupUid(String category) throws Exception {
        String html = Files.readString(index);
        Matcher m = Pattern.compile("d\\('data/categories\\.json','([A-Za-z0-9+/=]+)'\\)").matcher(html);
        assertTrue(m.find(), "categories in the report");
        for (JsonNode c : new ObjectMapper().readTree(Base64.getDecoder().decode(m.group(1))).get("children")) {
            if (c.get("name").asText().equals(category)) {
                return c.get("uid").asText();
            }
        }
        throw new AssertionError("no category " + category);
    }
}
