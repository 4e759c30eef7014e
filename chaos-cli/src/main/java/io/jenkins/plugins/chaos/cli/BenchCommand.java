package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.bench.JunitXmlBench;
import io.jenkins.plugins.chaos.engine.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Performance harness; numbers go in issue notes, never into unit tests. */
@Command(name = "bench", description = "Benchmarks against the embedded playground.",
        subcommands = {BenchCommand.Faults.class, IsolationBenchCommand.class, FailoverMemoryCommand.class,
                BenchCommand.Junit.class, BenchCommand.Alerts.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "junit", description = "Write a large JUnit XML report (default 100,000 testcases) and print the "
            + "time and peak heap: the writer streams, so memory stays flat.")
    static final class Junit implements Callable<Integer> {

        @Option(names = "--cases", defaultValue = "100000", description = "testcases to write (default: ${DEFAULT-VALUE})")
        int cases;

        @Override
        public Integer call() throws Exception {
            Path dir = Files.createTempDirectory("chaos-junit-bench");
            try {
                JunitXmlBench.main(new String[] {Integer.toString(cases), dir.toString()});
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            return 0;
        }
    }

    @Command(name = "alerts", description = "Breach to page on the leaky playground: p50/p95 from a check's judgement "
            + "to the PagerDuty sink's receipt of the trigger, over at least --breaches breaches.")
    static final class Alerts implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--breaches", defaultValue = "20", description = "breaches to time, 20..10000 (default: "
                + "${DEFAULT-VALUE})")
        int breaches;

        @Override
        public Integer call() throws Exception {
            if (breaches < 20 || breaches > 10_000) {
                spec.commandLine().getErr().println("chaos bench alerts: --breaches is " + breaches
                        + ", allowed values are 20..10000");
                return ExitCode.INVALID_INPUT;
            }
            spec.commandLine().getOut().println(AlertsBench.run(breaches).describe());
            return 0;
        }
    }

    @Command(name = "faults", description = "Fault lifecycle through the engine vs the same raw fabric8 "
            + "create/get/delete calls, or with --vs-kubectl vs kubectl apply + kubectl wait "
            + "--for=condition=AllInjected + kubectl delete --wait, as a ratio.")
    static final class Faults implements Callable<Integer> {

        static final int MAX_ITERATIONS = 1000;

        @Spec
        CommandSpec spec;

        @Option(names = "--iterations", defaultValue = "30", description = "lifecycles to time, 1.." + MAX_ITERATIONS
                + " (default: ${DEFAULT-VALUE})")
        int iterations;

        @Option(names = "--vs-kubectl", description = "compare with kubectl (on the PATH, or --kubectl) against the "
                + "same playground instead of raw fabric8 calls")
        boolean vsKubectl;

        @Option(names = "--kubectl", paramLabel = "FILE", description = "the kubectl to run (default: kubectl on the PATH)")
        Path kubectl;

        @Override
        public Integer call() throws Exception {
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                spec.commandLine().getErr().println("chaos: --iterations: " + iterations + " must be between 1 and "
                        + MAX_ITERATIONS);
                return ExitCode.INVALID_INPUT;
            }
            if (vsKubectl) {
                Path tool = kubectl != null ? kubectl : ExecutableFinder.onPath("kubectl").orElse(null);
                if (tool == null || !Files.isExecutable(tool)) {
                    spec.commandLine().getErr().println("chaos: --vs-kubectl: no kubectl " + (kubectl != null
                            ? "at " + kubectl : "on the PATH") + " (Debian: apt-get install -y kubectl)");
                    return ExitCode.INVALID_INPUT;
                }
                spec.commandLine().getOut().println(KubectlLifecycleBench.run(tool, iterations).describe());
                return 0;
            }
            FaultLifecycleBench.Result result = FaultLifecycleBench.run(iterations);
            spec.commandLine().getOut().println(result.describe());
            return 0;
        }
    }
}
