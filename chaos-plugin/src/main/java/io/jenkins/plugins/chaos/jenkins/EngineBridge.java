package io.jenkins.plugins.chaos.jenkins;

import hudson.AbortException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.alert.AlertState;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.engine.RunPublisher;
import io.jenkins.plugins.chaos.fault.FaultInjectionException;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.fault.OwnedResources;
import io.jenkins.plugins.chaos.fault.RunRollback;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The only class of the plugin that calls the engine (and fabric8), so that an engine API change is adapted in one
 * place. Everything here is plain Java and runs wherever it is called: controller or agent. The engine decides; this
 * class only turns Jenkins' values into the engine's and the engine's errors into {@link AbortException}s.
 */
public final class EngineBridge {

    /**
     * A class of the prometheus plugin's simpleclient. Present exactly when that optional plugin is installed: Jenkins
     * joins an optional dependency's class loader to ours only then (hudson.ClassicPluginStrategy.DependencyClassLoader).
     */
    static final String PROMETHEUS_CLASS = "io.prometheus.client.CollectorRegistry";

    private static volatile ChaosMetrics metrics;

    private EngineBridge() {
    }

    // ---- experiment -------------------------------------------------------------------------------------------

    /**
     * Builds, validates and plans the experiment once, before anything touches a cluster. Step arguments override
     * the keys of the YAML file named by {@code experiment:}; every validation error is reported at once.
     */
    public static ExperimentPlan loadPlan(Map<String, Object> stepArguments, String yaml, String source, String baseDir,
                                          PlanLimits limits) throws AbortException {
        LoadResult loaded = ExperimentLoader.fromStepArguments(stepArguments, yaml, source, baseDir, limits);
        if (!loaded.ok()) {
            StringBuilder message = new StringBuilder("Invalid chaos experiment (" + source + "):");
            for (ValidationError error : loaded.errors()) {
                message.append("\n  - ").append(error);
            }
            throw new AbortException(message.toString());
        }
        return loaded.plan();
    }

    /** The administrator's limits from the global configuration: a cap and an allow-list no experiment can widen. */
    public static PlanLimits planLimits(ChaosRunSettings settings) throws AbortException {
        Duration max = null;
        if (settings.maxFaultDuration() != null && !settings.maxFaultDuration().isBlank()) {
            max = GoDuration.parse(settings.maxFaultDuration()).orElseThrow(() -> new AbortException(
                    "maxFaultDuration (global configuration): '" + settings.maxFaultDuration() + "' is not a duration; "
                            + GoDuration.ALLOWED));
        }
        // the administrator's list bounds what a workspace YAML may name
        return PlanLimits.administrator(max, settings.allowedNamespaces());
    }

    /**
     * As {@link #planLimits(ChaosRunSettings)}, with {@code env:} references checked against the step's environment
     * (what the run resolves them from), by name only: the limits cross to the agent and must carry no value.
     */
    public static PlanLimits planLimits(ChaosRunSettings settings, Map<String, String> variables) throws AbortException {
        List<String> names = new ArrayList<>();
        if (variables != null) {
            variables.forEach((name, value) -> {
                if (value != null && !value.isEmpty()) {
                    names.add(name);
                }
            });
        }
        return planLimits(settings).withVariableNames(variables == null ? null : names);
    }

    public static RunOptions runOptions(String reportDir, boolean dryRun, String environment, SecretRedactor secrets,
                                        String runId) {
        return runOptions(reportDir, dryRun, environment, secrets, runId, null);
    }

    /** @param variables the step's environment ({@code EnvVars}), which {@code env:} references resolve against */
    public static RunOptions runOptions(String reportDir, boolean dryRun, String environment, SecretRedactor secrets,
                                        String runId, Map<String, String> variables) {
        RunOptions options = RunOptions.defaults()
                .withDryRun(dryRun)
                .withSecrets(secrets)
                .withRunId(runId)
                .withVariables(variables);
        if (reportDir != null) {
            options = options.withReportDir(reportDir);
        }
        if (environment != null && !environment.isBlank()) {
            options = options.withEnvironment(environment);
        }
        return options;
    }

    // ---- cluster work (runs on the agent) --------------------------------------------------------------------

    static KubernetesClient client(String kubeconfig) {
        Config config = kubeconfig == null ? Config.autoConfigure(null) : Config.fromKubeconfig(kubeconfig);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The run with its alerts going out while it runs, as the CLI's: a CRITICAL pages the moment it is judged, not
     * after recovery. The dispatcher reads and writes the incident state at {@code alerts.stateFile()}, a path
     * where this runs (the agent's copy of the controller's file).
     *
     * @param alerts where alerts go; null (or no channel) sends none
     */
    public static ProbeRun runExperiment(String kubeconfig, ExperimentPlan plan, RunOptions options, AlertTargets alerts,
                                         RunListener listener) throws InterruptedException {
        AlertSettings settings = alerts == null || !alerts.any() ? null : alertSettings(alerts);
        try (KubernetesClient client = client(kubeconfig)) {
            ExperimentRunner runner = new ExperimentRunner(client, listener, options, settings);
            RunResult result = runner.run(plan);
            return new ProbeRun(result, settings == null ? null : runner.alertOutcome(), null);
        }
    }

    public static InjectedFaults inject(String kubeconfig, ExperimentPlan plan, RunOptions options, RunListener listener)
            throws InterruptedException, AbortException {
        try (KubernetesClient client = client(kubeconfig)) {
            return new FaultInjector(client, listener, options).inject(plan);
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

    /** As {@link #recover}, limited to the references that name this run's own labelled Chaos Mesh resources. */
    public static void recoverOwned(String kubeconfig, String runId, List<ChaosResourceRef> resources, RunOptions options,
                                    RunListener listener) {
        try (KubernetesClient client = client(kubeconfig)) {
            new FaultInjector(client, listener, options).recover(OwnedResources.ofRun(client, resources, runId, listener));
        }
    }

    /**
     * Deletes every chaos resource labelled with this run id, of every kind the engine knows, in every namespace. Used
     * when an abort interrupts the setup of {@code chaosInject}, when the references of what was created may never
     * have come back.
     */
    public static void rollbackRun(String kubeconfig, String runId, RunListener listener) {
        try (KubernetesClient client = client(kubeconfig)) {
            RunRollback.deleteRun(client, runId, listener);
        }
    }

    // ---- outputs (metrics on the controller; the probe steps' alerts go out on the agent, while the run runs) ----

    /**
     * Metrics for /prometheus/ and the optional Pushgateway push of a run whose alerts went out while it ran
     * ({@link #runExperiment(String, ExperimentPlan, RunOptions, AlertTargets, RunListener)}): the deliveries, MTTD
     * and MTTR samples are recorded from what the live dispatch did; nothing is sent again.
     *
     * @param sent what the live alerts did on the agent; null when none went out
     */
    public static void publishMetrics(RunResult result, AlertOutcome sent, String pushgatewayUrl, String pushJob,
                                      RunListener listener) {
        new RunPublisher(listener).publishSent(result, sent, metricsRecorder(pushgatewayUrl, listener), null,
                pushgatewayUrl, pushJob);
    }

    /**
     * Checks the targets as the dispatcher will (URLs), on the controller and before anything is applied, and
     * returns a redactor for every secret they hold (the webhook, its token path, the routing key), for the console
     * and the reports. A bad target throws {@link IllegalArgumentException} naming the field, never its value.
     */
    public static SecretRedactor alertRedactor(AlertTargets targets) {
        return targets == null || !targets.any() ? SecretRedactor.none() : alertSettings(targets).redactor();
    }

    /**
     * The job's incident state after a run on the agent's copy: what the run changed, over what the controller's file
     * holds now (a parallel branch of the same job may have written it meanwhile).
     */
    public static String mergeAlertState(String base, String run, String current) throws IOException {
        return AlertState.merge(base, run, current);
    }

    /** Alerts only (no metrics), with what was delivered: the dead-man's switch records a page only once it went out. */
    public static AlertOutcome sendAlerts(RunResult result, AlertTargets targets, RunListener listener) {
        return new AlertDispatcher(alertSettings(targets), listener).dispatch(result);
    }

    private static AlertSettings alertSettings(AlertTargets targets) {
        return AlertSettings.none(targets.environment(), targets.stateFile())
                .withSlack(targets.slackWebhookUrl(), targets.slackChannel())
                .withPagerDuty(targets.pagerDutyRoutingKey(), targets.pagerDutyEventsUrl())
                .withLinks(targets.buildUrl(), null);
    }

    private static Supplier<ChaosMetrics> metricsRecorder(String pushgatewayUrl, RunListener listener) {
        if (prometheusInstalled()) {
            // links PrometheusMetrics only when the publisher calls it, inside its guard
            return EngineBridge::metrics;
        }
        if (pushgatewayUrl != null && !pushgatewayUrl.isBlank()) {
            listener.warn("pushgatewayUrl is set, but the prometheus plugin is not installed: no metrics recorded or pushed");
        }
        return null;
    }

    /** Whether the optional prometheus plugin (and with it simpleclient) is visible to the plugin's class loader. */
    static boolean prometheusInstalled() {
        try {
            Class.forName(PROMETHEUS_CLASS, false, EngineBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static ChaosMetrics metrics() {
        ChaosMetrics current = metrics;
        if (current == null) {
            synchronized (EngineBridge.class) {
                if (metrics == null) {
                    metrics = new ChaosMetrics(PrometheusMetrics.registry());
                }
                current = metrics;
            }
        }
        return current;
    }
}
