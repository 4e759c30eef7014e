package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The whole flow on the embedded playground: no cluster, no Jenkins. */
@Command(name = "demo", description = "Run the whole flow on the embedded playground: Kubernetes API, Chaos Mesh "
        + "simulator, multi-tenant inference gateway with two providers, and local Slack/PagerDuty sinks, all on 127.0.0.1.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "healthy",
            description = "healthy, leaky (one tenant boundary broken) or no-failover (secondary provider disabled)")
    String scenario;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "chaos-reports", description = "where reports go (default: ${DEFAULT-VALUE})")
    String reportDir;

    @Override
    public Integer call() throws Exception {
        if (!Playground.SCENARIOS.contains(scenario)) {
            spec.commandLine().getErr().println("chaos: --scenario: unknown '" + scenario + "'; allowed: "
                    + String.join(", ", Playground.SCENARIOS));
            return ExitCode.INVALID_INPUT;
        }
        RunListener listener = WriterOutputStream.listener(spec.commandLine().getOut());
        listener.info("Starting the playground (scenario " + scenario + "): Kubernetes API, Chaos Mesh simulator, "
                + "inference gateway with providers primary and secondary, tenants alice, bob, carol");
        try (Playground playground = Playground.start(scenario)) {
            listener.info("Gateway at " + playground.gatewayUri() + ", Kubernetes API at " + playground.cluster().url());
            Map<String, String> tokens = playground.tenantTokens();
            SecretRedactor secrets = new SecretRedactor(tokens.values());
            LoadResult loaded = ExperimentLoader.fromYaml(fill(demoExperiment(), playground), "demo/faults.yaml");
            if (!loaded.ok()) {
                throw new IllegalStateException("the built-in demo experiment is invalid:\n" + secrets.redact(loaded.describeErrors()));
            }
            AlertSettings alerts = AlertSettings.none("playground", Path.of(reportDir, ".alert-state.json").toString())
                    .withSlack(playground.alerts().url("/services/T000/B000/playground"), "#chaos")
                    .withPagerDuty("playground-routing-key", playground.alerts().url("/v2/enqueue"));
            ExperimentRunner runner = new ExperimentRunner(playground.cluster().client(), listener,
                    RunOptions.defaults().withReportDir(reportDir).withSecrets(secrets), alerts);
            RunResult result = runner.run(loaded.plan());
            AlertOutcome outcome = RunOutputs.publishSent(result, runner.alertOutcome(), reportDir, null, null, listener);
            listener.info("");
            listener.info("What the local alert sinks received (what Slack and PagerDuty would have been sent):");
            listener.info(outcome.deliveries().isEmpty() ? "  nothing: no breach, nothing to resolve" : playground.alerts().describe());
            RunOutputs.closingLines(result, reportDir, listener);
            return ExitCode.of(result.verdict());
        }
    }

    private static String fill(String template, Playground playground) {
        String filled = template.replace("{{gateway}}", playground.gatewayUri().toString());
        for (Map.Entry<String, String> tenant : playground.tenantTokens().entrySet()) {
            filled = filled.replace("{{token:" + tenant.getKey() + "}}", tenant.getValue());
        }
        return filled;
    }

    private static String demoExperiment() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/jenkins/plugins/chaos/demo/faults.yaml")) {
            if (in == null) {
                throw new IOException("demo/faults.yaml is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
