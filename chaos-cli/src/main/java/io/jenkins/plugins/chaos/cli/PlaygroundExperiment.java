package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a built-in experiment on a started playground: fills in the gateway's address and the tenants' tokens in
 * memory (they are never written), runs it, and publishes the outcome to the playground's alert sinks.
 */
final class PlaygroundExperiment {

    private PlaygroundExperiment() {
    }

    static RunResult run(Playground playground, String template, String source, String reportDir, RunListener listener)
            throws InterruptedException {
        Map<String, String> tokens = playground.tenantTokens();
        SecretRedactor secrets = new SecretRedactor(tokens.values());
        LoadResult loaded = ExperimentLoader.fromYaml(fill(template, playground), source);
        if (!loaded.ok()) {
            throw new IllegalStateException("the built-in experiment " + source + " is invalid:\n"
                    + secrets.redact(loaded.describeErrors()));
        }
        AlertSettings alerts = AlertSettings.none("playground", Path.of(reportDir, ".alert-state.json").toString())
                .withSlack(playground.alerts().url("/services/T000/B000/playground"), "#chaos")
                .withPagerDuty("playground-routing-key", playground.alerts().url("/v2/enqueue"));
        // alerts go out while the run runs, as in a real run: the sinks see a breach when it is judged
        ExperimentRunner runner = new ExperimentRunner(playground.cluster().client(), listener,
                RunOptions.defaults().withReportDir(reportDir).withSecrets(secrets), alerts);
        RunResult result = runner.run(loaded.plan());
        AlertOutcome outcome = RunOutputs.publishSent(result, runner.alertOutcome(), reportDir, null, null, listener);
        listener.info("");
        listener.info("What the local alert sinks received (what Slack and PagerDuty would have been sent):");
        listener.info(outcome.deliveries().isEmpty() ? "  nothing: no breach, nothing to resolve" : playground.alerts().describe());
        RunOutputs.closingLines(result, reportDir, listener);
        return result;
    }

    static String fill(String template, Playground playground) {
        String filled = template.replace("{{gateway}}", playground.gatewayUri().toString())
                .replace("{{kubernetes}}", playground.cluster().url());
        for (Map.Entry<String, String> tenant : playground.tenantTokens().entrySet()) {
            filled = filled.replace("{{token:" + tenant.getKey() + "}}", tenant.getValue());
        }
        return filled;
    }
}
