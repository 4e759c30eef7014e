package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.engine.RunPublisher;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.jenkins.plugins.chaos.verdict.VerdictWords;
import io.prometheus.client.CollectorRegistry;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the CLI does with a finished run besides the reports the runner wrote: the engine's {@link RunPublisher}
 * (alerts, metrics in the report directory, a Pushgateway push when asked), and the closing lines an on-call engineer
 * reads first.
 */
final class RunOutputs {

    private RunOutputs() {
    }

    static AlertOutcome publish(RunResult result, AlertSettings alerts, String reportDir, String pushgateway,
                                RunListener listener) {
        return new RunPublisher(listener).publish(result, alerts, () -> new ChaosMetrics(new CollectorRegistry()),
                Path.of(reportDir, "metrics.prom"), pushgateway, RunPublisher.PUSH_JOB);
    }

    /** For a run that alerted while it ran: the metrics, with what those alerts did. */
    static AlertOutcome publishSent(RunResult result, AlertOutcome sent, String reportDir, String pushgateway,
                                    Duration deadManThreshold, RunListener listener) {
        return new RunPublisher(listener, deadManThreshold).publishSent(result, sent, () -> new ChaosMetrics(new CollectorRegistry()),
                Path.of(reportDir, "metrics.prom"), pushgateway, RunPublisher.PUSH_JOB);
    }

    static void closingLines(RunResult result, String reportDir, RunListener listener) {
        for (CheckResult check : result.checks()) {
            if (check.verdict() == Verdict.CRITICAL) {
                listener.info("Broken: " + check.probe() + " " + check.name() + ": " + check.summary());
            }
        }
        listener.info("Report:  " + Path.of(reportDir, "report.html").toAbsolutePath());
        listener.info("Verdict: " + result.verdict() + " (exit " + ExitCode.of(result.verdict()) + "): " + VerdictWords.headline(result)
                + (result.score().isPresent() ? "; resilience score " + result.score().getAsDouble() + "/100" : ""));
    }
}
