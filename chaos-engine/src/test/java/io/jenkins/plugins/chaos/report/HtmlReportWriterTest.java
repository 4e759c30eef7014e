package io.jenkins.plugins.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void pairCoverageSaysTheFractionAndWhenEachSliceWasLastTested() throws Exception {
        String html = html(RunFixtures.withCoverage(RunFixtures.leakyRun()));
        int section = html.indexOf("<section id=\"coverage\">\n<h2>Pair coverage</h2>");
        assertTrue(section > 0 && section < html.indexOf("<section id=\"issues\">"), html);
        assertTrue(html.contains("covered within 24h: 12 of 12 pairs x endpoints (100.0%)"));
        assertTrue(html.contains("last tested 2025-03-14T09:26:53Z (run r): 12 from alice-&gt;bob"), html);
        assertFalse(html(RunFixtures.leakyRun()).contains("id=\"coverage\""), "no section with pairs: all");
    }

    @Test
    void headerShowsVerdictCountsAndIdentity() throws Exception {
        String html = html(RunFixtures.leakyRun());
        assertTrue(html.contains("<div class=\"verdict critical\" id=\"verdict\">CRITICAL<span>"), html);
        assertTrue(html.contains("<h1>Chaos run: tenant-isolation-and-failover</h1>"));
        assertTrue(html.contains("<dt>Environment</dt><dd>playground</dd>"));
        assertTrue(html.contains("<dt>Run id</dt><dd>run-20250314-0926-7f3a</dd>"));
        assertTrue(html.contains("<dt>Exit code</dt><dd>1</dd>"));
        assertTrue(html.contains("<b>17</b>checks"));
        assertTrue(html.contains("<b>3</b>critical"));
        assertTrue(html.contains("<b>1</b>errors"));
        assertTrue(html.contains("<b>2</b>warnings"));
        assertTrue(html.contains("<td>isolation.api</td><td><span class=\"tag critical\">CRITICAL</span></td>"
                + "<td class=\"n\">12</td><td class=\"n\">9</td>"), "probe summary row");
    }

    @Test
    void breachesComeFirstThenErrorsThenWarnings() throws Exception {
        String html = html(RunFixtures.leakyRun());
        int issues = html.indexOf("<section id=\"issues\">");
        int firstBreach = html.indexOf("<article class=\"issue issue-critical\">", issues);
        int lastBreach = html.lastIndexOf("<article class=\"issue issue-critical\">");
        int error = html.indexOf("<article class=\"issue issue-error\">");
        int warning = html.indexOf("<article class=\"issue issue-warning\">");
        int faults = html.indexOf("<section id=\"faults\">");
        assertTrue(issues > 0 && firstBreach > issues && lastBreach < error && error < warning && warning < faults,
                "order: " + List.of(issues, firstBreach, lastBreach, error, warning, faults));
        assertEquals(3, count(html, "<article class=\"issue issue-critical\">"));
        assertTrue(html.contains("GET http://127.0.0.1:8080/v1/tenants/bob/files\nstatus: 200\n"
                + "body: {&quot;files&quot;:[&quot;bob-secret-plan.pdf&quot;]}\n</pre>"), "evidence, escaped");
    }

    @Test
    void faultListShowsInjectionAndRecovery() throws Exception {
        String html = html(RunFixtures.leakyRun());
        assertTrue(html.contains("<td>primary-outage</td><td>NetworkChaos</td><td>gateway/chaos-primary-outage-x1</td>"
                + "<td>provider primary (app=provider-a)</td><td>2025-03-14T09:27:13Z</td><td>2025-03-14T09:27:43Z</td>"
                + "<td>30s</td><td>recovered</td>"), html);
    }

    @Test
    void hostileTextIsEscapedEverywhere() throws Exception {
        CheckResult hostile = new CheckResult("isolation.<u>api</u>", RunFixtures.HOSTILE_NAME, Verdict.CRITICAL,
                "<img src=x onerror=alert(1)>", List.of(RunFixtures.HOSTILE_EVIDENCE), RunFixtures.START, 1);
        RunResult run = new RunResult("<script>alert('e')</script>", "env\"><x", "r&1", RunFixtures.START,
                RunFixtures.START, List.of(), List.of(hostile), List.of(), "<u>abort</u>", List.of("<i>note</i>"));
        String html = html(run);
        for (String raw : List.of("<script", "<img", "<u>", "<i>", "<x", "alert('e')", "\u0007", "\u0000", "\u001b")) {
            assertFalse(html.contains(raw), "raw " + raw + " in the page");
        }
        assertTrue(html.contains("&lt;script&gt;alert(&#39;e&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("mallory-&gt;bob GET /v1/x?a=&lt;b&gt;&amp;c=&quot;d&quot; ]]&gt; \\u0007bell"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("Aborted: &lt;u&gt;abort&lt;/u&gt;"));
        assertTrue(html.contains("isolation.&lt;u&gt;api&lt;/u&gt;: mallory"));
        assertTrue(html.contains("<dd>env&quot;&gt;&lt;x</dd>"));
    }

    @Test
    void referencesNoExternalResource() throws Exception {
        String html = html(RunFixtures.leakyRun());
        assertNoExternalResource(html);
        // the only URL-shaped strings are the SVG namespace (a name, never fetched) and evidence text
        Matcher urls = Pattern.compile("https?://[^\\s\"'<]+").matcher(html);
        List<String> found = new ArrayList<>();
        while (urls.find()) {
            found.add(urls.group());
        }
        assertTrue(found.contains("http://www.w3.org/2000/svg"));
        for (String url : found) {
            assertTrue(url.equals("http://www.w3.org/2000/svg") || url.startsWith("http://127.0.0.1:8080/"), url);
        }
    }

    static void assertNoExternalResource(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("<script", "<link", "<img", "<iframe", "<object", "<embed", "<audio",
                "<video", "<source", "@import", "url(", "@font-face", "src=", "href=", "xlink:href", "srcset")) {
            assertFalse(lower.contains(forbidden), "the page must load nothing: found " + forbidden);
        }
    }

    @Test
    void timelineIsInlineSvgWithShadedFaultWindow() throws Exception {
        String html = html(RunFixtures.leakyRun());
        int start = html.indexOf("<svg ");
        int end = html.indexOf("</svg>");
        assertTrue(start > 0 && end > start);
        String svg = html.substring(start, end + "</svg>".length());
        assertEquals(1, count(svg, "class=\"fault-window\""));
        assertEquals(1, count(svg, "class=\"latency-p50\""));
        assertEquals(1, count(svg, "class=\"latency-p95\""));
        assertEquals(1, count(svg, "class=\"latency-p99\""));
        assertFalse(html.contains("id=\"timeline-empty\""));
    }

    @Test
    void emptyTimelineIsSaidNotDrawn() throws Exception {
        RunResult run = new RunResult("isolation-only", "staging", "r2", RunFixtures.START, RunFixtures.START,
                List.of(), List.of(RunFixtures.check("isolation.api", "a->b", Verdict.PASSED, 3)), List.of(), null,
                List.of());
        String html = html(run);
        assertFalse(html.contains("<svg"));
        assertTrue(html.contains("id=\"timeline-empty\">No timeline: no failover probe sampled traffic"));
        assertTrue(html.contains("<div class=\"verdict passed\" id=\"verdict\">PASSED"));
        assertTrue(html.contains("None: every check passed."));
        assertTrue(html.contains("No faults were injected."));
        assertNoExternalResource(html);
    }

    @Test
    void longListsAreCappedWithAPointerToTheJournal() throws Exception {
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < HtmlReportWriter.MAX_CHECK_ROWS + 10; i++) {
            checks.add(RunFixtures.check("isolation.api", "c" + i, i < 600 ? Verdict.CRITICAL : Verdict.PASSED, 1));
        }
        RunResult run = new RunResult("big", "env", "r", RunFixtures.START, RunFixtures.START, List.of(), checks,
                List.of(), null, List.of());
        String html = html(run);
        assertEquals(HtmlReportWriter.MAX_ISSUES, count(html, "<article class=\"issue"));
        assertTrue(html.contains("100 more not shown here; see journal.json."));
        assertTrue(html.contains("10 more checks not shown here"));
    }

    @Test
    void secretsAreRedacted() throws Exception {
        CheckResult check = new CheckResult("isolation.api", "token tok-XYZ-999", Verdict.CRITICAL, "tok-XYZ-999 works",
                List.of("Authorization: Bearer tok-XYZ-999"), RunFixtures.START, 1);
        RunResult run = new RunResult("e", "env", "r", RunFixtures.START, RunFixtures.START, List.of(),
                List.of(check), List.of(), null, List.of("routing key tok-XYZ-999"));
        StringWriter out = new StringWriter();
        new HtmlReportWriter(new SecretRedactor(List.of("tok-XYZ-999")), GeneratorInfo.current()).write(run, out);
        assertFalse(out.toString().contains("tok-XYZ-999"));
        assertTrue(out.toString().contains("Bearer ****"));
    }

    private String html(RunResult run) throws Exception {
        Path file = dir.resolve("report-" + System.nanoTime() + ".html");
        new HtmlReportWriter(SecretRedactor.none(), GeneratorInfo.current()).write(run, file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
