package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.prometheus.client.CollectorRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the CLI does with a finished run besides the reports the runner wrote: alerts, metrics (a file in the report
 * directory, and a Pushgateway push when asked), and the closing lines an on-call engineer reads first. A failure to
 * deliver any of them is reported and never changes the verdict.
 */
final class RunOutputs {

    private RunOutputs() {
    }

    static AlertOutcome publish(RunResult result, AlertSettings alerts, String reportDir, String pushgateway,
                                RunListener listener) {
        AlertOutcome outcome = alerts == null ? AlertOutcome.nothingSent() : new AlertDispatcher(alerts, listener).dispatch(result);
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        metrics.record(result, outcome);
        Path metricsFile = Path.of(reportDir, "metrics.prom");
        try {
            Files.createDirectories(metricsFile.getParent());
            Files.writeString(metricsFile, metrics.exposition());
            listener.info("Metrics: " + metricsFile.toAbsolutePath());
        } catch (IOException e) {
            listener.warn("Could not write " + metricsFile + ": " + e.getMessage());
        }
        if (pushgateway != null) {
            try {
                metrics.push(pushgateway, "chaos-engineering");
                listener.info("Metrics pushed to the Pushgateway");
            } catch (IOException | RuntimeException e) {
                listener.warn("Could not push metrics to the Pushgateway: " + e.getMessage());
            }
        }
        return outcome;
    }

    static void closingLines(RunResult result, String reportDir, RunListener listener) {
        for (CheckResult check : result.checks()) {
            if (check.verdict() == Verdict.CRITICAL) {
                listener.info("Broken: " + check.probe() + " " + check.name() + ": " + check.summary());
            }
        }
        listener.info("Report:  " + Path.of(reportDir, "report.html").toAbsolutePath());
        listener.info("Verdict: " + result.verdict() + " (exit " + ExitCode.of(result.verdict()) + "): " + oneLine(result)
                + (result.score().isPresent() ? "; resilience score " + result.score().getAsDouble() + "/100" : ""));
    }

    private static String oneLine(RunResult result) {
        return switch (result.verdict()) {
            case PASSED -> "every check held";
            case WARNING -> result.count(Verdict.WARNING) + " warning(s): degraded but safe";
            case ERROR -> result.count(Verdict.ERROR) + " check(s) could not run";
            case CRITICAL -> result.count(Verdict.CRITICAL) + " critical breach(es)";
        };
    }
}
