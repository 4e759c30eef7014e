package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes all outputs of one run into a report directory (the CLI's default is {@code chaos-reports/}):
 * {@code junit/TEST-chaos.<probe>.xml}, {@code journal.json} and {@code report.html}.
 */
public final class ReportWriter {

    public static final String JUNIT_DIR = "junit";
    public static final String JOURNAL = "journal.json";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    public static ReportFiles write(RunResult result, Path reportDir) throws IOException {
        return write(result, reportDir, SecretRedactor.none());
    }

    /**
     * @param redactor applied to every text written, as a second line of defence: checks are meant to carry no
     *                 secrets in the first place
     */
    public static ReportFiles write(RunResult result, Path reportDir, SecretRedactor redactor) throws IOException {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reportDir, "reportDir");
        Objects.requireNonNull(redactor, "redactor");
        GeneratorInfo generator = GeneratorInfo.current();
        Path junitDir = reportDir.resolve(JUNIT_DIR);
        Files.createDirectories(junitDir);
        writeJunit(result, junitDir, redactor);
        Path journal = reportDir.resolve(JOURNAL);
        new JournalWriter(redactor, generator).write(result, journal);
        Path html = reportDir.resolve(HTML);
        new HtmlReportWriter(redactor, generator).write(result, html);
        return new ReportFiles(junitDir, journal, html);
    }

    /**
     * One file per probe. Files of an earlier run in the same directory are replaced, never mixed in: a stale
     * TEST-*.xml would make Jenkins count checks this run never made.
     */
    private static void writeJunit(RunResult result, Path junitDir, SecretRedactor redactor) throws IOException {
        try (var stale = Files.newDirectoryStream(junitDir, "TEST-chaos.*.xml")) {
            for (Path file : stale) {
                Files.delete(file);
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("chaos.experiment", nullToEmpty(result.experiment()));
        properties.put("chaos.environment", nullToEmpty(result.environment()));
        properties.put("chaos.runId", nullToEmpty(result.runId()));
        JunitXmlWriter writer = new JunitXmlWriter(JunitXmlWriter.localHostname(), redactor, properties);
        for (String probe : probesInOrder(result.checks())) {
            writer.writeSuite(probe, result.checks().stream().filter(c -> c.probe().equals(probe)),
                    result.startedAt(), junitDir.resolve(JunitXmlWriter.fileName(probe)));
        }
    }

    private static Set<String> probesInOrder(List<CheckResult> checks) {
        Set<String> probes = new LinkedHashSet<>();
        for (CheckResult check : checks) {
            probes.add(check.probe());
        }
        return probes;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
