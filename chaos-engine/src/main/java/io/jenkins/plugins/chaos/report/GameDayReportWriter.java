package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.jenkins.plugins.chaos.verdict.VerdictWords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The combined report of a game day: one section per scenario with its verdict, the checks that did not pass, its
 * timeline (run start, each fault's injection and recovery, run end, and the failover stream where one ran) and a
 * link to the scenario's own full report; the game day's verdict is the worst of its scenarios.
 */
public final class GameDayReportWriter {

    /** One scenario of the game day; {@code reportLink} is relative to the combined report. */
    public record Section(String scenario, String variant, RunResult result, String reportLink) {
    }

    private GameDayReportWriter() {
    }

    public static Verdict verdict(List<Section> sections) {
        return sections.stream().map(s -> s.result().verdict()).max(Comparator.comparingInt(Verdict::ordinal))
                .orElse(Verdict.ERROR);
    }

    public static Path write(List<Section> sections, Instant startedAt, Instant finishedAt, Path file,
                             SecretRedactor redactor) throws IOException {
        StringBuilder html = new StringBuilder();
        Verdict verdict = verdict(sections);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Game day: ").append(verdict)
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.CRITICAL{color:#b00020;font-weight:bold}"
                        + ".ERROR{color:#b35900}.WARNING{color:#8a6d00}.PASSED{color:#1b5e20}</style></head><body>");
        html.append("<h1>Game day: <span class=\"").append(verdict).append("\">").append(verdict).append("</span></h1>");
        html.append("<p>").append(sections.size()).append(" scenario(s), ").append(startedAt).append(" to ")
                .append(finishedAt).append(" (").append(seconds(Duration.between(startedAt, finishedAt))).append(")</p>");
        html.append("<table><tr><th>scenario</th><th>variant</th><th>verdict</th><th>summary</th><th>report</th></tr>");
        for (Section section : sections) {
            html.append("<tr><td><a href=\"#").append(anchor(section)).append("\">").append(Html.escape(section.scenario()))
                    .append("</a></td><td>").append(Html.escape(section.variant())).append("</td><td class=\"")
                    .append(section.result().verdict()).append("\">").append(section.result().verdict()).append("</td><td>")
                    .append(Html.escape(redactor.redact(VerdictWords.headline(section.result())))).append("</td><td><a href=\"")
                    .append(Html.escape(section.reportLink())).append("\">full report</a></td></tr>");
        }
        html.append("</table>");
        for (Section section : sections) {
            section(html, section, redactor);
        }
        html.append("</body></html>");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static void section(StringBuilder html, Section section, SecretRedactor redactor) {
        RunResult result = section.result();
        html.append("<h2 id=\"").append(anchor(section)).append("\">").append(Html.escape(section.scenario()))
                .append(" (").append(Html.escape(section.variant())).append("): <span class=\"").append(result.verdict())
                .append("\">").append(result.verdict()).append("</span></h2>");
        html.append("<p>").append(Html.escape(redactor.redact(VerdictWords.headline(result)))).append("; run ")
                .append(Html.escape(result.runId())).append(", ").append(result.checks().size()).append(" checks")
                .append(result.score().isPresent() ? ", resilience score " + result.score().getAsDouble() + "/100" : "")
                .append("</p>");
        List<CheckResult> notPassed = result.checks().stream().filter(c -> c.verdict() != Verdict.PASSED)
                .sorted(Comparator.comparingInt((CheckResult c) -> c.verdict().ordinal()).reversed()).toList();
        if (!notPassed.isEmpty()) {
            html.append("<h3>Checks that did not pass</h3><table><tr><th>verdict</th><th>check</th><th>summary</th>"
                    + "<th>evidence</th></tr>");
            for (CheckResult check : notPassed) {
                html.append("<tr><td class=\"").append(check.verdict()).append("\">").append(check.verdict())
                        .append("</td><td>").append(Html.escape(check.probe() + " " + check.name())).append("</td><td>")
                        .append(Html.escape(redactor.redact(check.summary()))).append("</td><td>")
                        .append(Html.escape(redactor.redact(String.join("\n", check.evidence().stream().limit(8).toList()))))
                        .append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("<h3>Timeline</h3><table><tr><th>when</th><th>what</th></tr>");
        for (String[] event : events(result)) {
            html.append("<tr><td>").append(event[0]).append("</td><td>").append(Html.escape(redactor.redact(event[1])))
                    .append("</td></tr>");
        }
        html.append("</table>");
        if (!result.timeline().isEmpty()) {
            html.append(TimelineSvg.render(result.timeline()));
        }
    }

    private static List<String[]> events(RunResult result) {
        List<Object[]> events = new ArrayList<>();
        events.add(new Object[] {result.startedAt(), "run " + result.runId() + " started"});
        for (FaultRecord fault : result.faults()) {
            if (fault.injectedAt() != null) {
                events.add(new Object[] {fault.injectedAt(), "fault " + fault.name() + " (" + fault.kind() + ") injected: "
                        + fault.target()});
            }
            if (fault.recoveredAt() != null) {
                events.add(new Object[] {fault.recoveredAt(), "fault " + fault.name() + " removed: " + fault.outcome()});
            }
        }
        if (result.aborted()) {
            events.add(new Object[] {result.finishedAt(), "stopped early: " + result.abortReason()});
        }
        events.add(new Object[] {result.finishedAt(), "run finished: " + result.verdict()});
        events.sort(Comparator.comparing(e -> (Instant) e[0]));
        List<String[]> out = new ArrayList<>();
        for (Object[] event : events) {
            out.add(new String[] {Html.escape(event[0].toString()), (String) event[1]});
        }
        return out;
    }

    private static String anchor(Section section) {
        return (section.scenario() + "-" + section.variant()).replaceAll("[^A-Za-z0-9-]", "-");
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
