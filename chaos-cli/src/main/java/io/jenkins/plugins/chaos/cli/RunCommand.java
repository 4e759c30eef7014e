package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.plan.ExperimentFiles;
import io.jenkins.plugins.chaos.plan.LoadedFile;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs an experiment against a real cluster (or any API server a kubeconfig points at). */
@Command(name = "run", description = "Validate, inject the experiment's faults, hold them, and always remove them.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT", description = "experiment YAML or Chaos Mesh manifest, or a directory: its "
            + "manifests applied together as one experiment, or its experiment files run one after another in name order")
    Path experimentFile;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: KUBECONFIG, ~/.kube/config, in-cluster)")
    Path kubeconfig;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "chaos-reports", description = "where reports go (default: ${DEFAULT-VALUE})")
    String reportDir;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "state kept between runs (the isolation probe's "
            + "rotating pair coverage); default: chaos-state next to --report-dir")
    String stateDir;

    @Option(names = "--dry-run", description = "server-side dry run: show what would be applied, persist nothing")
    boolean dryRun;

    @Option(names = "--environment", paramLabel = "NAME", description = "overrides the experiment's environment")
    String environment;

    @Option(names = "--allow-namespace", paramLabel = "NS", description = "allow chaos in this namespace (repeatable)")
    List<String> allowNamespaces = new ArrayList<>();

    @Option(names = "--pushgateway", paramLabel = "URL", description = "push the run's metrics to this Prometheus Pushgateway")
    String pushgateway;

    @Option(names = "--slack-channel", paramLabel = "CHANNEL", description = "Slack channel; the webhook URL comes from "
            + "the environment variable " + SLACK_WEBHOOK_ENV)
    String slackChannel;

    @Option(names = "--pagerduty-events-url", paramLabel = "URL", description = "PagerDuty Events API v2 URL (default: "
            + "PagerDuty's); the routing key comes from the environment variable " + PAGERDUTY_KEY_ENV)
    String pagerDutyEventsUrl;

    @Option(names = "--dead-man-threshold", paramLabel = "DURATION", defaultValue = "30m", description = "how old this "
            + "experiment's latest run may get before Prometheus pages (1m..24h, default: ${DEFAULT-VALUE})")
    String deadManThreshold;

    @Option(names = "--pagerduty-component", paramLabel = "NAME", description = "PagerDuty payload component "
            + "(default: " + AlertSettings.DEFAULT_COMPONENT + ")")
    String pagerDutyComponent;

    @Option(names = "--alert-state", paramLabel = "FILE", description = "where open incidents are remembered between "
            + "runs, for resolves (default: REPORT-DIR/.alert-state.json)")
    String alertState;

    @Option(names = "--build-url", paramLabel = "URL", description = "link put in alerts (e.g. the CI job's page)")
    String buildUrl;

    /** Secrets come from the environment only, never from the command line, where ps and shell history would show them. */
    static final String SLACK_WEBHOOK_ENV = "CHAOS_SLACK_WEBHOOK_URL";
    static final String PAGERDUTY_KEY_ENV = "CHAOS_PAGERDUTY_ROUTING_KEY";
    /** The process environment; tests in this package give a run its secrets without a child process. */
    static UnaryOperator<String> environmentVariables = System::getenv;

    @Override
    public Integer call() throws InterruptedException {
        // Every experiment of the path is checked, and the outputs with them, before the first fault is applied.
        List<LoadedFile> experiments = ExperimentFiles.loadForRun(experimentFile, new PlanLimits(null, allowNamespaces));
        boolean invalid = false;
        for (LoadedFile experiment : experiments) {
            if (!experiment.result().ok()) {
                spec.commandLine().getErr().println("chaos: nothing was applied; " + experiment.source() + " has "
                        + experiment.result().errors().size() + " problem(s):");
                spec.commandLine().getErr().print(experiment.result().describeErrors());
                invalid = true;
            }
        }
        Duration threshold = GoDuration.parse(deadManThreshold).orElse(null);
        if (threshold == null || threshold.compareTo(Duration.ofMinutes(1)) < 0
                || threshold.compareTo(Duration.ofHours(24)) > 0) {
            spec.commandLine().getErr().println("chaos: nothing was applied; --dead-man-threshold must be a duration "
                    + "between 1m and 24h (e.g. 30m, 45m)");
            invalid = true;
        }
        String slackWebhook = environmentVariables.apply(SLACK_WEBHOOK_ENV);
        String routingKey = environmentVariables.apply(PAGERDUTY_KEY_ENV);
        List<String> outputProblems = outputProblems(slackWebhook, routingKey);
        if (!outputProblems.isEmpty()) {
            spec.commandLine().getErr().println("chaos: nothing was applied; the run's outputs have "
                    + outputProblems.size() + " problem(s):");
            outputProblems.forEach(problem -> spec.commandLine().getErr().println("  - " + problem));
            invalid = true;
        }
        if (invalid) {
            return ExitCode.INVALID_INPUT;
        }
        List<String> secretValues = new ArrayList<>();
        if (slackWebhook != null) {
            secretValues.add(slackWebhook);
        }
        if (routingKey != null) {
            secretValues.add(routingKey);
        }
        RunOptions options = RunOptions.defaults().withReportDir(reportDir).withDryRun(dryRun)
                .withEnvironment(environment).withStateDir(stateDir)
                .withSecrets(new SecretRedactor(secretValues));
        try (KubernetesClient client = KubernetesClients.from(kubeconfig)) {
            RunListener listener = WriterOutputStream.listener(spec.commandLine().getOut());
            int exit = ExitCode.PASSED;
            for (LoadedFile experiment : experiments) {
                // alerts go out while the run runs: a breach pages when it is judged, not when the faults are gone
                ExperimentRunner runner = new ExperimentRunner(client, listener, options,
                        dryRun ? null : alerts(environment != null ? environment : experiment.result().plan().environment(),
                                slackWebhook, routingKey));
                RunResult result = runner.run(experiment.result().plan());
                if (!dryRun) {
                    RunOutputs.publishSent(result, runner.alertOutcome(), reportDir, pushgateway, threshold, listener);
                }
                RunOutputs.closingLines(result, reportDir, listener);
                exit = worse(exit, ExitCode.of(result.verdict()));
            }
            return exit;
        }
    }

    private AlertSettings alerts(String runEnvironment, String slackWebhook, String routingKey) {
        return AlertSettings.none(runEnvironment,
                        alertState != null ? alertState : Path.of(reportDir, ".alert-state.json").toString())
                .withSlack(slackWebhook, slackChannel)
                .withPagerDuty(routingKey, pagerDutyEventsUrl != null ? pagerDutyEventsUrl
                        : AlertSettings.DEFAULT_PAGERDUTY_EVENTS_URL)
                .withLinks(buildUrl, null)
                .withComponent(pagerDutyComponent);
    }

    /**
     * A malformed alert or Pushgateway URL found after the run would leave a CRITICAL breach unpaged and unrecorded:
     * it is refused with the experiment's problems. The messages name the setting, never its value (a secret).
     */
    private List<String> outputProblems(String slackWebhook, String routingKey) {
        List<String> problems = new ArrayList<>();
        try {
            alerts(environment, slackWebhook, routingKey);
        } catch (IllegalArgumentException e) {
            // "Invalid alert settings: a must be ...; b is not ..." becomes one "setting: rule" line per problem
            String listed = e.getMessage().replaceFirst("^Invalid alert settings: ", "");
            for (String problem : listed.split("; ")) {
                problems.add(problem.replace("slackWebhookUrl", SLACK_WEBHOOK_ENV)
                        .replace("pagerDutyEventsUrl", "--pagerduty-events-url").replace("buildUrl", "--build-url")
                        .replaceFirst("^(\\S+) ", "$1: "));
            }
        }
        if (pushgateway != null) {
            ChaosMetrics.pushgatewayProblem(pushgateway).ifPresent(problem -> problems.add("--pushgateway: " + problem));
        }
        return problems;
    }

    /** The exit code of several runs: the most serious one (critical, infrastructure, warnings, passed). */
    static int worse(int a, int b) {
        List<Integer> bySeverity = List.of(ExitCode.PASSED, ExitCode.WARNINGS, ExitCode.INFRASTRUCTURE, ExitCode.CRITICAL);
        return bySeverity.indexOf(a) >= bySeverity.indexOf(b) ? a : b;
    }
}
