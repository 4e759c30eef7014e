package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.experiment.ExperimentFiles;
import io.jenkins.plugins.chaos.experiment.LoadResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Validates experiment files and plain Chaos Mesh manifests without touching a cluster. */
@Command(name = "validate", description = "Check experiment files or Chaos Mesh manifests; lists every problem, "
        + "touches no cluster. Exit 0 when all are valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "experiment YAML or Chaos Mesh manifest")
    List<Path> files;

    @Override
    public Integer call() {
        int exit = ExitCode.PASSED;
        for (Path file : files) {
            LoadResult loaded = ExperimentFiles.load(file);
            if (loaded.ok()) {
                spec.commandLine().getOut().println("OK    " + file + ": " + ExperimentFiles.describe(loaded.experiment()));
            } else {
                spec.commandLine().getOut().println("INVALID " + file + " (" + loaded.errors().size() + " problem(s)):");
                spec.commandLine().getOut().print(loaded.describeErrors());
                exit = ExitCode.INVALID_INPUT;
            }
        }
        return exit;
    }
}
