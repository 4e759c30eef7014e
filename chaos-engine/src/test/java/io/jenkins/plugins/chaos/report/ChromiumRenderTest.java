package io.jenkins.plugins.chaos.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the real report in headless Chromium: a screenshot that is not blank and shows the verdict's colour,
 * and a DOM that holds the SVG timeline. Skipped, saying why, where Chromium is not installed.
 */
class ChromiumRenderTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private static Path report;

    @TempDir
    Path profile;

    @BeforeAll
    static void writeReport() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "headless browser check skipped: " + CHROMIUM + " not found (apt-get install -y chromium)");
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("chromium-report");
        report = ReportWriter.write(RunFixtures.leakyRun(), dir).html();
    }

    @Test
    void screenshotIsNotBlankAndShowsTheCriticalVerdict() throws Exception {
        Path png = Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("report-screenshot.png");
        Files.deleteIfExists(png);
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,1600");
        assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(1600, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        long verdictRed = 0;
        long samples = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                samples++;
                colours.add(rgb);
                if (rgb != 0xFFFFFF && rgb != 0xFAFAFA) {
                    nonWhite++;
                }
                if (near(rgb, 0xC62828)) {
                    verdictRed++;
                }
            }
        }
        assertTrue(colours.size() > 50, "only " + colours.size() + " colours: a blank or failed render");
        assertTrue(nonWhite > samples / 20, "mostly blank: " + nonWhite + " of " + samples + " non-white");
        assertTrue(verdictRed > 500, "the CRITICAL verdict's red is missing: " + verdictRed + " pixels");
    }

    @Test
    void domHoldsTheTimelineSvg() throws Exception {
        String dom = run("--dump-dom");
        assertTrue(dom.contains("<svg"), "no svg in the DOM");
        assertTrue(dom.contains("id=\"timeline\""), "timeline svg missing");
        assertTrue(dom.contains("class=\"fault-window\""), "fault window missing");
        assertTrue(dom.contains("class=\"latency-p99\""), "p99 line missing");
        assertTrue(dom.contains("id=\"verdict\">CRITICAL"), "verdict missing");
    }

    private static boolean near(int rgb, int target) {
        int dr = Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF));
        int dg = Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF));
        int db = Math.abs((rgb & 0xFF) - (target & 0xFF));
        return dr + dg + db < 30;
    }

    /** Runs Chromium on the report with the given extra arguments; its stdout, bounded in time. */
    private String run(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(extra));
        command.add(report.toAbsolutePath().toUri().toString());
        Path stdout = profile.resolve("stdout.txt");
        Path stderr = profile.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(stderr));
        }
        assertEquals(0, process.exitValue(), "chromium failed: " + tail(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
