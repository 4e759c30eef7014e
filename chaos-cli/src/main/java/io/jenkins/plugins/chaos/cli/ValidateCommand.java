package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.chaosmesh.CrdDirectory;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.engine.ExitCode;
import io.jenkins.plugins.chaos.fault.PlannedFaultSchemas;
import io.jenkins.plugins.chaos.plan.ExperimentFiles;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlannedFault;
import io.jenkins.plugins.chaos.plan.YamlInput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates experiment files and plain Chaos Mesh manifests without touching a cluster. */
@Command(name = "validate", description = "Check experiment files or Chaos Mesh manifests; lists every problem, "
        + "touches no cluster. Exit 0 when all are valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {

    private static final String CRD_DIR = "--crd-dir";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "experiment YAML or Chaos Mesh manifest, or a "
            + "directory: each of its *.yaml and *.yml files in name order")
    List<Path> files;

    @Option(names = CRD_DIR, paramLabel = "DIR", description = "also check each resource against the OpenAPI schema "
            + "of its CustomResourceDefinition from the YAML files in DIR (e.g. Chaos Mesh's config/crd/bases)")
    Path crdDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CrdDirectory crds = null;
        if (crdDir != null) {
            List<ValidationError> problems = new ArrayList<>();
            crds = CrdDirectory.load(crdDir, CRD_DIR, problems);
            if (!problems.isEmpty()) {
                out.println("INVALID " + CRD_DIR + " " + crdDir + " (" + problems.size() + " problem(s)):");
                out.print(new LoadResult(null, problems).describeErrors());
                return ExitCode.INVALID_INPUT;
            }
        }
        int exit = ExitCode.PASSED;
        List<Path> expanded = new ArrayList<>();
        for (Path path : files) {
            try {
                expanded.addAll(ExperimentFiles.expand(path));
            } catch (YamlInput.Refused e) {
                out.println("INVALID " + path + " (1 problem(s)):");
                out.println("  - " + e.getMessage());
                exit = ExitCode.INVALID_INPUT;
            }
        }
        for (Path file : expanded) {
            LoadResult loaded = ExperimentFiles.load(file);
            List<String> unchecked = List.of();
            if (loaded.ok() && crds != null) {
                List<PlannedFault> planned = loaded.plan().forRun("validate").faults();
                List<ValidationError> schemaErrors = PlannedFaultSchemas.check(planned, crds);
                unchecked = PlannedFaultSchemas.uncheckedKinds(planned, crds);
                loaded = new LoadResult(loaded.experiment(), schemaErrors, loaded.plan());
            }
            if (loaded.ok()) {
                out.println("OK    " + file + ": " + ExperimentFiles.describe(loaded.plan()));
                if (!unchecked.isEmpty()) {
                    out.println("      no CRD in " + crdDir + " for " + String.join(", ", unchecked)
                            + ": not checked against a schema");
                }
            } else {
                out.println("INVALID " + file + " (" + loaded.errors().size() + " problem(s)):");
                out.print(loaded.describeErrors());
                exit = ExitCode.INVALID_INPUT;
            }
        }
        return exit;
    }
}
