package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched from
 * anywhere), because it is opened from Jenkins' archived artifacts, from mail attachments and from air-gapped
 * clusters. The breaches come first with their evidence, since that is what the person paged at 3 a.m. needs.
 * Lists are capped so that a run with 100,000 checks still gives a page a browser can open; the journal has all.
 */
public final class HtmlReportWriter {

    static final int MAX_ISSUES = 500;
    static final int MAX_EVIDENCE_LINES = 100;
    static final int MAX_CHECK_ROWS = 2000;

    private final SecretRedactor redactor;
    private final GeneratorInfo generator;

    public HtmlReportWriter(SecretRedactor redactor, GeneratorInfo generator) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.generator = Objects.requireNonNull(generator, "generator");
    }

    public void write(RunResult result, Path target) throws IOException {
        Objects.requireNonNull(result, "result");
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8), 1 << 16)) {
            write(result, out);
        }
    }

    public void write(RunResult result, Writer out) throws IOException {
        Verdict verdict = result.verdict();
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<title>" + e(verdict.name() + " · " + result.experiment() + " · " + result.environment()) + "</title>\n");
        out.write(STYLE);
        out.write("</head>\n<body>\n");
        header(out, result, verdict);
        probeTable(out, result);
        coverage(out, result);
        issues(out, result);
        faults(out, result.faults());
        timeline(out, result);
        allChecks(out, result.checks());
        out.write("<footer>Written by " + e(generator.name() + " " + generator.version())
                + ". The complete run, every check and every sample, is in journal.json next to this file.</footer>\n");
        out.write("</body>\n</html>\n");
    }

    private void header(Writer out, RunResult result, Verdict verdict) throws IOException {
        out.write("<header>\n<h1>Chaos run: " + e(result.experiment()) + "</h1>\n");
        out.write("<div class=\"verdict " + cls(verdict) + "\" id=\"verdict\">" + verdict.name()
                + "<span>" + e(meaning(verdict)) + "</span></div>\n");
        out.write("<dl class=\"meta\">\n");
        meta(out, "Environment", result.environment());
        meta(out, "Run id", result.runId());
        meta(out, "Started", instant(result.startedAt()));
        meta(out, "Finished", instant(result.finishedAt()));
        if (result.startedAt() != null && result.finishedAt() != null) {
            meta(out, "Duration", GoDuration.format(Duration.between(result.startedAt(), result.finishedAt())));
        }
        meta(out, "Exit code", Integer.toString(verdict.exitCode()));
        meta(out, "Resilience score", result.score().isPresent()
                ? result.score().getAsDouble() + " / 100" : "none (no check ran)");
        out.write("</dl>\n<div class=\"counts\">\n");
        count(out, "checks", result.checks().size(), "total");
        count(out, "passed", result.count(Verdict.PASSED), "passed");
        count(out, "warnings", result.count(Verdict.WARNING), "warning");
        count(out, "errors", result.count(Verdict.ERROR), "error");
        count(out, "critical", result.count(Verdict.CRITICAL), "critical");
        count(out, "faults", result.faults().size(), "total");
        out.write("</div>\n");
        if (result.aborted()) {
            out.write("<p class=\"banner critical\">Aborted: " + e(result.abortReason()) + "</p>\n");
        }
        if (!result.notes().isEmpty()) {
            out.write("<ul class=\"notes\">\n");
            for (String note : result.notes()) {
                out.write("<li>" + e(note) + "</li>\n");
            }
            out.write("</ul>\n");
        }
        out.write("</header>\n");
    }

    private void probeTable(Writer out, RunResult result) throws IOException {
        out.write("<section id=\"probes\">\n<h2>Probes</h2>\n");
        List<ProbeSummary> probes = ProbeSummary.byProbe(result.checks());
        if (probes.isEmpty()) {
            out.write("<p class=\"empty\">No checks ran.</p>\n</section>\n");
            return;
        }
        out.write("<table>\n<thead><tr><th>Probe</th><th>Verdict</th><th class=\"n\">Checks</th><th class=\"n\">Passed</th>"
                + "<th class=\"n\">Warnings</th><th class=\"n\">Errors</th><th class=\"n\">Critical</th>"
                + "<th class=\"n\">Time</th></tr></thead>\n<tbody>\n");
        for (ProbeSummary p : probes) {
            out.write("<tr><td>" + e(p.probe()) + "</td><td><span class=\"tag " + cls(p.verdict()) + "\">"
                    + p.verdict().name() + "</span></td><td class=\"n\">" + p.total() + "</td><td class=\"n\">"
                    + p.passed() + "</td><td class=\"n\">" + p.warnings() + "</td><td class=\"n\">" + p.errors()
                    + "</td><td class=\"n\">" + p.critical() + "</td><td class=\"n\">"
                    + JunitXmlWriter.seconds(p.durationMillis()) + " s</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n</section>\n");
    }

    private void issues(Writer out, RunResult result) throws IOException {
        out.write("<section id=\"issues\">\n<h2>Breaches, errors and warnings</h2>\n");
        long total = result.count(Verdict.CRITICAL) + result.count(Verdict.ERROR) + result.count(Verdict.WARNING);
        if (total == 0) {
            out.write("<p class=\"empty\">None: every check passed.</p>\n</section>\n");
            return;
        }
        int shown = 0;
        for (Verdict severity : List.of(Verdict.CRITICAL, Verdict.ERROR, Verdict.WARNING)) {
            for (CheckResult check : result.checks()) {
                if (check.verdict() != severity) {
                    continue;
                }
                if (shown == MAX_ISSUES) {
                    break;
                }
                shown++;
                issue(out, check);
            }
        }
        if (total > shown) {
            out.write("<p class=\"more\">" + (total - shown) + " more not shown here; see journal.json.</p>\n");
        }
        out.write("</section>\n");
    }

    /** Rotating pair coverage: the covered fraction and when each slice of pairs was last tested. */
    private void coverage(Writer out, RunResult result) throws IOException {
        boolean opened = false;
        for (CheckResult check : result.checks()) {
            if (!check.probe().equals(ProbeIds.ISOLATION_COVERAGE)) {
                continue;
            }
            if (!opened) {
                out.write("<section id=\"coverage\">\n<h2>Pair coverage</h2>\n");
                opened = true;
            }
            issue(out, check);
        }
        if (opened) {
            out.write("</section>\n");
        }
    }

    private void issue(Writer out, CheckResult check) throws IOException {
        out.write("<article class=\"issue issue-" + cls(check.verdict()) + "\">\n<h3><span class=\"tag "
                + cls(check.verdict()) + "\">" + check.verdict().name() + "</span> " + e(check.probe()) + ": "
                + e(check.name()) + "</h3>\n");
        out.write("<p>" + e(check.summary()) + "</p>\n");
        out.write("<p class=\"small\">started " + e(instant(check.startedAt())) + ", took "
                + JunitXmlWriter.seconds(check.durationMillis()) + " s</p>\n");
        if (check.evidence().isEmpty()) {
            out.write("<p class=\"small\">No evidence recorded.</p>\n");
        } else {
            out.write("<pre class=\"evidence\">");
            int lines = 0;
            for (String line : check.evidence()) {
                if (lines++ == MAX_EVIDENCE_LINES) {
                    out.write("... " + (check.evidence().size() - MAX_EVIDENCE_LINES) + " more lines in journal.json\n");
                    break;
                }
                out.write(e(line) + "\n");
            }
            out.write("</pre>\n");
        }
        out.write("</article>\n");
    }

    private void faults(Writer out, List<FaultRecord> faults) throws IOException {
        out.write("<section id=\"faults\">\n<h2>Faults</h2>\n");
        if (faults.isEmpty()) {
            out.write("<p class=\"empty\">No faults were injected.</p>\n</section>\n");
            return;
        }
        out.write("<table>\n<thead><tr><th>Fault</th><th>Kind</th><th>Resource</th><th>Target</th><th>Injected</th>"
                + "<th>Recovered</th><th>Active for</th><th>Outcome</th></tr></thead>\n<tbody>\n");
        for (FaultRecord f : faults) {
            String activeFor = f.injectedAt() != null && f.recoveredAt() != null
                    ? GoDuration.format(Duration.between(f.injectedAt(), f.recoveredAt())) : "";
            out.write("<tr><td>" + e(f.name()) + "</td><td>" + e(f.kind()) + "</td><td>" + e(f.namespace()) + "/"
                    + e(f.resource()) + "</td><td>" + e(f.target()) + "</td><td>"
                    + e(f.injectedAt() == null ? "never injected" : f.injectedAt().toString()) + "</td><td>"
                    + e(f.recoveredAt() == null ? "not confirmed" : f.recoveredAt().toString()) + "</td><td>"
                    + e(activeFor) + "</td><td>" + e(f.outcome()) + "</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n</section>\n");
    }

    private void timeline(Writer out, RunResult result) throws IOException {
        out.write("<section id=\"timeline-section\">\n<h2>Failover timeline</h2>\n");
        if (result.timeline().isEmpty()) {
            out.write("<p class=\"empty\" id=\"timeline-empty\">No timeline: no failover probe sampled traffic in "
                    + "this run.</p>\n</section>\n");
            return;
        }
        out.write("<div class=\"chart\">\n");
        out.write(TimelineSvg.render(result.timeline()));
        out.write("</div>\n</section>\n");
    }

    private void allChecks(Writer out, List<CheckResult> checks) throws IOException {
        out.write("<section id=\"checks\">\n<h2>All checks</h2>\n");
        if (checks.isEmpty()) {
            out.write("<p class=\"empty\">No checks ran.</p>\n</section>\n");
            return;
        }
        out.write("<table>\n<thead><tr><th>Verdict</th><th>Probe</th><th>Check</th><th>Summary</th>"
                + "<th class=\"n\">Time</th></tr></thead>\n<tbody>\n");
        int rows = 0;
        for (CheckResult c : checks) {
            if (rows++ == MAX_CHECK_ROWS) {
                break;
            }
            out.write("<tr><td><span class=\"tag " + cls(c.verdict()) + "\">" + c.verdict().name() + "</span></td><td>"
                    + e(c.probe()) + "</td><td>" + e(c.name()) + "</td><td>" + e(c.summary()) + "</td><td class=\"n\">"
                    + JunitXmlWriter.seconds(c.durationMillis()) + " s</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n");
        if (checks.size() > MAX_CHECK_ROWS) {
            out.write("<p class=\"more\">" + (checks.size() - MAX_CHECK_ROWS)
                    + " more checks not shown here; see journal.json or the JUnit XML.</p>\n");
        }
        out.write("</section>\n");
    }

    private void meta(Writer out, String label, String value) throws IOException {
        out.write("<dt>" + e(label) + "</dt><dd>" + e(value) + "</dd>\n");
    }

    private static void count(Writer out, String label, long value, String cssClass) throws IOException {
        out.write("<div class=\"count " + cssClass + "\"><b>" + value + "</b>" + label + "</div>\n");
    }

    private static String meaning(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "every check passed";
            case WARNING -> "degraded but within the boundaries that page someone";
            case ERROR -> "some checks could not run: infrastructure error, not a pass";
            case CRITICAL -> "isolation breach or failed failover";
        };
    }

    private static String cls(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }

    private static String instant(Instant instant) {
        return instant == null ? "unknown" : instant.toString();
    }

    private String e(String raw) {
        return Html.escape(redactor.redact(raw == null ? "" : raw));
    }

    private static final String STYLE = """
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#212121;background:#fafafa}
            h1{margin:0 0 12px;font-size:24px}h2{margin:28px 0 10px;font-size:19px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{font-size:15px;margin:0 0 6px;word-break:break-word}
            .verdict{display:inline-block;white-space:nowrap;padding:8px 16px;border-radius:6px;font-size:22px;font-weight:700;color:#fff}
            .verdict span{font-size:14px;font-weight:400;margin-left:12px}
            .passed{background:#2e7d32;color:#fff}.warning{background:#f9a825;color:#212121}
            .error{background:#5e35b1;color:#fff}.critical{background:#c62828;color:#fff}
            .meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:14px 0}
            .meta dt{font-weight:600}.meta dd{margin:0;font-family:ui-monospace,Menlo,Consolas,monospace}
            .counts{display:flex;gap:10px;flex-wrap:wrap}
            .count{border-radius:6px;padding:6px 12px;min-width:70px;text-align:center;font-size:13px}
            .count b{display:block;font-size:22px}.count.total{background:#eceff1;color:#212121}
            .banner{padding:8px 12px;border-radius:6px}.notes{color:#555}
            table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
            th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top;word-break:break-word}
            th{background:#f5f5f5;white-space:nowrap}.n{text-align:right;white-space:nowrap}
            #faults table{table-layout:auto}#faults td{word-break:break-all;font-size:12px}
            .tag{display:inline-block;border-radius:4px;padding:1px 6px;font-size:11px;font-weight:700;white-space:nowrap}
            article.issue{background:#fff;border:1px solid #e0e0e0;border-left:6px solid;border-radius:4px;padding:10px 14px;margin:10px 0}
            article.issue-critical{border-left-color:#c62828}article.issue-error{border-left-color:#5e35b1}
            article.issue-warning{border-left-color:#f9a825}
            pre.evidence{background:#263238;color:#eceff1;padding:10px;border-radius:4px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
            .small{font-size:12px;color:#616161}.empty,.more{color:#616161;font-style:italic}
            .chart{background:#fff;border:1px solid #e0e0e0;border-radius:4px;overflow-x:auto}
            footer{margin-top:30px;color:#757575;font-size:12px}
            </style>
            """;
}
