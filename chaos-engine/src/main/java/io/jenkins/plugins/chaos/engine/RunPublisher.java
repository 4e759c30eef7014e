package io.jenkins.plugins.chaos.engine;

import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What happens to a finished run besides its reports, for the CLI and the plugin alike: alerts (Slack, PagerDuty),
 * metrics (recorded, written as a file, pushed to a Pushgateway). A failure to deliver any of them is reported through
 * the listener and never changes the verdict or hides the others.
 */
public final class RunPublisher {

    /** The Pushgateway job of the CLI's runs. */
    public static final String PUSH_JOB = "chaos-engineering";

    /** The runbook's "chaos tests not running for > 30 minutes". */
    public static final Duration DEFAULT_DEAD_MAN_THRESHOLD = Duration.ofMinutes(30);

    private final RunListener listener;
    private final Duration deadManThreshold;

    public RunPublisher(RunListener listener) {
        this(listener, DEFAULT_DEAD_MAN_THRESHOLD);
    }

    /** @param deadManThreshold how old the experiment's latest run may get before Prometheus pages */
    public RunPublisher(RunListener listener, Duration deadManThreshold) {
        this.listener = listener;
        this.deadManThreshold = deadManThreshold == null ? DEFAULT_DEAD_MAN_THRESHOLD : deadManThreshold;
    }

    /**
     * @param alerts      where alerts go; null sends none
     * @param metrics     the metrics to record into; called inside the guard, so that a missing simpleclient (the
     *                    Jenkins prometheus plugin is optional) is reported like any other metrics failure;
     *                    null records none (and writes and pushes none)
     * @param metricsFile where the exposition is written; null writes none
     * @param pushgateway the Pushgateway's URL; null or blank pushes nothing
     * @param pushJob     the Pushgateway job to push as
     */
    public AlertOutcome publish(RunResult result, AlertSettings alerts, Supplier<ChaosMetrics> metrics, Path metricsFile,
                                String pushgateway, String pushJob) {
        AlertOutcome outcome = AlertOutcome.nothingSent();
        if (alerts != null) {
            try {
                outcome = new AlertDispatcher(alerts, listener).dispatch(result);
            } catch (RuntimeException e) {
                listener.warn("alerts could not be sent: " + Messages.firstLine(e.getMessage()));
            }
        }
        return publishSent(result, outcome, metrics, metricsFile, pushgateway, pushJob);
    }

    /**
     * For a run whose alerts went out while it ran ({@link ExperimentRunner#alertOutcome()}): only the metrics.
     *
     * @param sent what the live alerts did; null when nothing was sent
     */
    public AlertOutcome publishSent(RunResult result, AlertOutcome sent, Supplier<ChaosMetrics> metrics,
                                    Path metricsFile, String pushgateway, String pushJob) {
        AlertOutcome outcome = sent == null ? AlertOutcome.nothingSent() : sent;
        if (metrics == null) {
            // no metrics recorder (the Jenkins prometheus plugin is not installed)
            return outcome;
        }
        ChaosMetrics recorded;
        try {
            recorded = metrics.get();
            recorded.record(result, outcome);
            recorded.expectRunsWithin(result.experiment(), deadManThreshold);
        } catch (RuntimeException | LinkageError e) {
            listener.warn("metrics could not be recorded: " + Messages.firstLine(String.valueOf(e.getMessage())));
            return outcome;
        }
        ChaosMetrics written = recorded;
        if (pushgateway != null && !pushgateway.isBlank()) {
            try {
                // a registry of its own: the experiment's group gets this experiment's series with its run totals,
                // whatever else a long-lived registry (the plugin's) holds
                List<String> problems = new ArrayList<>();
                ChaosMetrics pushed = ChaosMetrics.forPush(pushgateway, pushJob, result, outcome, problems);
                problems.forEach(listener::warn);
                pushed.expectRunsWithin(result.experiment(), deadManThreshold);
                Map<String, String> group = ChaosMetrics.groupingKey(result.experiment(), result.environment());
                pushed.push(pushgateway, pushJob, group);
                written = pushed;
                listener.info("Metrics pushed to the Pushgateway (group job=" + pushJob + ", experiment="
                        + group.get("experiment") + ", environment=" + group.get("environment") + ")");
            } catch (IOException | RuntimeException e) {
                listener.warn("Could not push metrics to the Pushgateway: " + e.getMessage());
            }
        }
        if (metricsFile != null) {
            write(written, metricsFile);
        }
        return outcome;
    }

    private void write(ChaosMetrics metrics, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, metrics.exposition());
            listener.info("Metrics: " + file.toAbsolutePath());
        } catch (IOException e) {
            listener.warn("Could not write " + file + ": " + e.getMessage());
        }
    }
}
