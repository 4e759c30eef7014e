package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A probe step's engine path, run by {@link OptionalPluginsTest} inside a class loader that has neither the
 * prometheus nor the embeddable-build-status classes: plan, options, outputs (metrics and push), badge check. Returns
 * what the step would print; any linkage error escapes.
 */
public final class WithoutOptionalPluginsDriver implements Supplier<String> {

    @Override
    public String get() {
        List<String> lines = new ArrayList<>();
        RunListener console = new RunListener() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARNING: " + line);
            }
        };
        try {
            ExperimentPlan plan = RuntimeFixtures.plan(RuntimeFixtures.isolationStep());
            RunOptions options = EngineBridge.runOptions("chaos-reports/x", false, "prod", RuntimeFixtures.credentials().redactor(),
                    "run-1");
            lines.add("planned " + plan.getClass().getSimpleName() + " for run " + options.runId());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        RunResult result = RuntimeFixtures.tenantRun(3, 1, "leak");
        EngineBridge.publishMetrics(result, AlertOutcome.nothingSent(), "http://127.0.0.1:9", "chaos-job", console);
        lines.add("prometheus installed: " + EngineBridge.prometheusInstalled());
        lines.add("badge plugin installed: " + ScenarioBadges.pluginInstalled());
        return String.join("\n", lines);
    }
}
