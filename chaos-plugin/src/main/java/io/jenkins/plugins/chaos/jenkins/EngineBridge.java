package io.jenkins.plugins.chaos.jenkins;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import hudson.AbortException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.fault.FaultInjectionException;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.prometheus.client.CollectorRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only class of the plugin that calls the engine (and fabric8), so that an engine API change is adapted in one
 * place. Everything here is plain Java and runs wherever it is called: controller or agent.
 */
public final class EngineBridge {

    /** Chaos Mesh kinds the rollback sweeps by run-id label; manifests of other kinds are removed by their refs. */
    static final List<String> CHAOS_MESH_KINDS = List.of("NetworkChaos", "PodChaos", "HTTPChaos", "StressChaos",
            "IOChaos", "TimeChaos", "DNSChaos", "Schedule", "Workflow");
    static final String CHAOS_MESH_API_VERSION = "chaos-mesh.org/v1alpha1";
    /** Label every chaos resource of a run carries (design brief, "Nothing left behind"). */
    static final String RUN_ID_LABEL = "chaos-engineering/run-id";

    private static final CollectorRegistry REGISTRY = new CollectorRegistry(true);
    private static volatile ChaosMetrics metrics;

    private EngineBridge() {
    }

    // ---- experiment -------------------------------------------------------------------------------------------

    /**
     * Builds and validates the experiment on the controller, before anything touches a cluster. Step arguments
     * override the keys of the YAML file named by {@code experiment:}; every validation error is reported at once.
     */
    public static Experiment loadExperiment(Map<String, Object> stepArguments, String yaml, String source, String baseDir)
            throws AbortException {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (yaml != null) {
            try {
                Map<String, Object> fromFile = new ObjectMapper(new YAMLFactory()).readValue(yaml, mapType());
                if (fromFile != null) {
                    merged.putAll(fromFile);
                }
            } catch (IOException e) {
                throw new AbortException("experiment: " + source + " is not a YAML map: " + firstLine(e.getMessage()));
            }
        }
        merged.putAll(stepArguments);
        LoadResult loaded = ExperimentLoader.fromMap(merged, source, baseDir);
        if (!loaded.ok()) {
            StringBuilder message = new StringBuilder("Invalid chaos experiment (" + source + "):");
            for (ValidationError error : loaded.errors()) {
                message.append("\n  - ").append(error);
            }
            throw new AbortException(message.toString());
        }
        return loaded.experiment();
    }

    public static RunOptions runOptions(ChaosRunSettings settings, String reportDir, boolean dryRun, String environment,
                                        SecretRedactor secrets, String runId) throws AbortException {
        RunOptions options = RunOptions.defaults()
                .withDryRun(dryRun)
                .withSecrets(secrets)
                .withRunId(runId)
                .withAllowedNamespaces(settings.allowedNamespaces());
        if (reportDir != null) {
            options = options.withReportDir(reportDir);
        }
        if (environment != null && !environment.isBlank()) {
            options = options.withEnvironment(environment);
        }
        if (settings.maxFaultDuration() != null && !settings.maxFaultDuration().isBlank()) {
            Duration max = GoDuration.parse(settings.maxFaultDuration()).orElseThrow(() -> new AbortException(
                    "maxFaultDuration (global configuration): '" + settings.maxFaultDuration() + "' is not a duration; " + GoDuration.ALLOWED));
            options = options.withMaxFaultDuration(max);
        }
        return options;
    }

    // ---- cluster work (runs on the agent) --------------------------------------------------------------------

    static KubernetesClient client(String kubeconfig) {
        Config config = kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(kubeconfig);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public static RunResult runExperiment(String kubeconfig, Experiment experiment, RunOptions options, RunListener listener)
            throws InterruptedException {
        try (KubernetesClient client = client(kubeconfig)) {
            return new ExperimentRunner(client, listener, options).run(experiment);
        }
    }

    public static InjectedFaults inject(String kubeconfig, Experiment experiment, RunOptions options, RunListener listener)
            throws InterruptedException, AbortException {
        try (KubernetesClient client = client(kubeconfig)) {
            return new FaultInjector(client, listener, options).inject(experiment);
        } catch (FaultInjectionException e) {
            // The injector has already removed what it created; the build fails as an infrastructure error.
            throw new AbortException("chaosInject: the fault could not be put in place: " + e.getMessage());
        }
    }

    public static void recover(String kubeconfig, List<ChaosResourceRef> resources, RunOptions options, RunListener listener) {
        try (KubernetesClient client = client(kubeconfig)) {
            new FaultInjector(client, listener, options).recover(resources);
        }
    }

    /**
     * Deletes every chaos resource labelled with this run id, in every namespace. Used when an abort interrupts the
     * setup of {@code chaosInject}, when the references of what was created may never have come back.
     */
    public static void rollbackRun(String kubeconfig, String runId, RunListener listener) {
        try (KubernetesClient client = client(kubeconfig)) {
            for (String kind : CHAOS_MESH_KINDS) {
                try {
                    int deleted = client.genericKubernetesResources(CHAOS_MESH_API_VERSION, kind).inAnyNamespace()
                            .withLabel(RUN_ID_LABEL, runId).delete().size();
                    if (deleted > 0) {
                        listener.info("rollback: deleted " + deleted + " " + kind + " of run " + runId);
                    }
                } catch (RuntimeException e) {
                    listener.warn("rollback: could not delete " + kind + " of run " + runId + ": " + firstLine(e.getMessage()));
                }
            }
        }
    }

    // ---- outputs (run on the controller) ---------------------------------------------------------------------

    /**
     * Alerts (Slack, PagerDuty), metrics for /prometheus/ and the optional Pushgateway push after a run. Each
     * output's failure is reported through the listener and never hides the verdict.
     */
    public static void publishOutputs(RunResult result, AlertTargets targets, String pushgatewayUrl, String pushJob,
                                      RunListener listener) {
        AlertOutcome outcome = null;
        if (targets.any()) {
            try {
                AlertSettings settings = AlertSettings.none(targets.environment(), targets.stateFile())
                        .withSlack(targets.slackWebhookUrl(), targets.slackChannel())
                        .withPagerDuty(targets.pagerDutyRoutingKey(), AlertSettings.DEFAULT_PAGERDUTY_EVENTS_URL)
                        .withLinks(targets.buildUrl(), null);
                outcome = new AlertDispatcher(settings, listener).dispatch(result);
            } catch (RuntimeException e) {
                listener.warn("alerts could not be sent: " + firstLine(e.getMessage()));
            }
        }
        try {
            ChaosMetrics current = metrics();
            current.record(result, outcome);
            if (pushgatewayUrl != null && !pushgatewayUrl.isBlank()) {
                current.push(pushgatewayUrl, pushJob);
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: the optional prometheus plugin (which ships simpleclient) is not installed
            listener.warn("metrics could not be recorded: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** The registry the plugin's Prometheus collector exposes; the engine's metrics are recorded into it. */
    public static CollectorRegistry registry() {
        return REGISTRY;
    }

    private static ChaosMetrics metrics() {
        ChaosMetrics current = metrics;
        if (current == null) {
            synchronized (EngineBridge.class) {
                if (metrics == null) {
                    metrics = new ChaosMetrics(REGISTRY);
                }
                current = metrics;
            }
        }
        return current;
    }

    /**
     * The dead-man's switch as a run result, so that the alert path (dedup key per check and environment, resolve
     * when it passes again) is the same as for any check.
     */
    public static RunResult deadManResult(String jobFullName, String environment, long minutesSinceLastRun,
                                          long thresholdMinutes, boolean overdue) {
        Instant now = Instant.now();
        String summary = overdue
                ? "SRE system down: chaos tests not running: " + jobFullName + " has not run for " + minutesSinceLastRun
                        + " min (threshold " + thresholdMinutes + " min)"
                : jobFullName + " runs again (last run " + minutesSinceLastRun + " min ago)";
        CheckResult check = new CheckResult("deadman", jobFullName, overdue ? Verdict.CRITICAL : Verdict.PASSED, summary,
                List.of("threshold: " + thresholdMinutes + " min", "since last run: " + minutesSinceLastRun + " min"), now, 0);
        return new RunResult("dead-man's switch", environment, "deadman-" + now.toEpochMilli(), now, now, List.of(),
                List.of(check), List.of(), null, List.of());
    }

    private static TypeReference<Map<String, Object>> mapType() {
        return new TypeReference<>() {
        };
    }

    static String firstLine(String text) {
        if (text == null) {
            return "(no message)";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
