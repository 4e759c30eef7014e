package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.InvalidExperimentException;
import io.jenkins.plugins.chaos.engine.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The {@code chaos} command. Exit codes: 0 passed, 1 critical breach, 2 invalid input, 3 warnings only, 4 infrastructure error. */
// INHERIT: every subcommand, present and future, answers --help (and --version) as the root does
@Command(name = "chaos", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "chaos 0.1.0",
        description = "Continuous chaos engineering for multi-tenant Kubernetes: inject Chaos Mesh faults, prove "
                + "tenant isolation and provider failover, and always clean up.",
        subcommands = {DemoCommand.class, GameDayCommand.class, PlaygroundCommand.class, RunCommand.class, ValidateCommand.class,
                SweepCommand.class, BenchCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:passed", "1:critical breach", "2:invalid input", "3:warnings only", "4:infrastructure error"})
public final class ChaosCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit = execute(args, out, err);
        // Auto-flush covers println only: the problem lists are written with print and were lost at System.exit.
        out.flush();
        err.flush();
        System.exit(exit);
    }

    /** Runs the command line and returns the exit code, without exiting; tests call this. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ChaosCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, a) -> {
            err.println("chaos: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'chaos " + (ex.getCommandLine().getCommandName().equals("chaos") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return ExitCode.INVALID_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            if (ex instanceof InvalidExperimentException invalid) {
                err.println("chaos: nothing was applied; " + invalid.getMessage());
                return ExitCode.INVALID_INPUT;
            }
            if (ex instanceof KubeconfigException kubeconfig) {
                err.println("chaos: nothing was applied; " + kubeconfig.getMessage());
                return ExitCode.INVALID_INPUT;
            }
            if (ex instanceof KubernetesClientException k8s) {
                err.println("chaos: the Kubernetes API could not be used (HTTP " + k8s.getCode() + "): " + k8s.getMessage());
                return ExitCode.INFRASTRUCTURE;
            }
            err.println("chaos: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return ExitCode.INFRASTRUCTURE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
