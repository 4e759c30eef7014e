package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.engine.RunListener;
import io.jenkins.plugins.chaos.engine.RunOptions;
import io.jenkins.plugins.chaos.experiment.ExperimentFiles;
import io.jenkins.plugins.chaos.experiment.LoadResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs an experiment against a real cluster (or any API server a kubeconfig points at). */
@Command(name = "run", description = "Validate, inject the experiment's faults, hold them, and always remove them.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EXPERIMENT", description = "experiment YAML or Chaos Mesh manifest")
    Path experimentFile;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig to use (default: KUBECONFIG, ~/.kube/config, in-cluster)")
    Path kubeconfig;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "chaos-reports", description = "where reports go (default: ${DEFAULT-VALUE})")
    String reportDir;

    @Option(names = "--dry-run", description = "server-side dry run: show what would be applied, persist nothing")
    boolean dryRun;

    @Option(names = "--environment", paramLabel = "NAME", description = "overrides the experiment's environment")
    String environment;

    @Option(names = "--allow-namespace", paramLabel = "NS", description = "allow chaos in this namespace (repeatable)")
    List<String> allowNamespaces = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        LoadResult loaded = ExperimentFiles.load(experimentFile);
        if (!loaded.ok()) {
            spec.commandLine().getErr().println("chaos: nothing was applied; " + experimentFile + " has "
                    + loaded.errors().size() + " problem(s):");
            spec.commandLine().getErr().print(loaded.describeErrors());
            return ExitCode.INVALID_INPUT;
        }
        RunOptions options = RunOptions.defaults().withReportDir(reportDir).withDryRun(dryRun)
                .withEnvironment(environment).withAllowedNamespaces(allowNamespaces);
        try (KubernetesClient client = KubernetesClients.from(kubeconfig)) {
            RunListener listener = RunListener.printingTo(new java.io.PrintStream(
                    new WriterOutputStream(spec.commandLine().getOut()), true, java.nio.charset.StandardCharsets.UTF_8));
            RunResult result = new ExperimentRunner(client, listener, options).run(loaded.experiment());
            return ExitCode.of(result.verdict());
        }
    }
}
