package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.engine.RunListener;
import io.jenkins.plugins.chaos.engine.RunOptions;
import io.jenkins.plugins.chaos.experiment.ExperimentLoader;
import io.jenkins.plugins.chaos.experiment.LoadResult;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The whole flow on the embedded playground: no cluster, no Jenkins. */
@Command(name = "demo", description = "Run the whole flow on the embedded playground (in-process Kubernetes API and "
        + "Chaos Mesh simulator on 127.0.0.1).")
final class DemoCommand implements Callable<Integer> {

    enum Scenario { healthy, leaky, no_failover }

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "healthy",
            description = "healthy, leaky (one tenant boundary broken) or no-failover (secondary provider disabled)",
            converter = ScenarioConverter.class)
    Scenario scenario;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "chaos-reports", description = "where reports go")
    String reportDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        RunListener listener = RunListener.printingTo(out);
        listener.info("Starting the playground: Kubernetes API, Chaos Mesh simulator, tenants "
                + PlaygroundCluster.DEFAULT_TENANTS + " (scenario " + scenario.name().replace('_', '-') + ")");
        try (PlaygroundCluster cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none())) {
            listener.info("Playground API server at " + cluster.url());
            LoadResult loaded = ExperimentLoader.fromYaml(demoExperiment(), "demo/faults.yaml");
            if (!loaded.ok()) {
                throw new IllegalStateException("the built-in demo experiment is invalid:\n" + loaded.describeErrors());
            }
            RunResult result = new ExperimentRunner(cluster.client(), listener,
                    RunOptions.defaults().withReportDir(reportDir)).run(loaded.experiment());
            listener.info("Verdict: " + result.verdict() + " (exit " + ExitCode.of(result.verdict()) + ")");
            return ExitCode.of(result.verdict());
        }
    }

    private static String demoExperiment() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/jenkins/plugins/chaos/demo/faults.yaml")) {
            if (in == null) {
                throw new IOException("demo/faults.yaml is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final class ScenarioConverter implements picocli.CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            try {
                return Scenario.valueOf(value.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown scenario '" + value
                        + "'; allowed: healthy, leaky, no-failover");
            }
        }
    }
}
