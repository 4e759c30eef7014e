package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.cli.BenchStats.mean;
import static io.jenkins.plugins.chaos.cli.BenchStats.p50;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The same fault's whole life through the engine (validate, guardrails, create, wait for AllInjected, delete, wait
 * until gone: default options, as {@code chaos run} uses them) and the way an SRE does it without us:
 * {@code kubectl apply -f}, {@code kubectl wait --for=condition=AllInjected}, {@code kubectl delete --wait}, each a
 * kubectl process, against the same playground. The ratio says whether the engine's guarantees cost time.
 */
final class KubectlLifecycleBench {

    private static final Duration KUBECTL_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param floor a kubectl process that sends one GET: what {@code wait} and {@code delete --wait} would cost if
     *              their watch answered at once (the playground's API serves watches over WebSocket only, as
     *              fabric8's mock server does; kubectl's HTTP watch is refused and it re-lists with back-off)
     */
    record Result(int iterations, double[] engine, double[] kubectl, double[] apply, double[] await, double[] delete,
                  double[] floor) {
        String describe() {
            double bound = p50(apply) + 2 * p50(floor);
            return String.format(Locale.ROOT, """
                    chaos bench faults --vs-kubectl: %d lifecycles each, playground on 127.0.0.1 (simulated controller, no injection delay)
                      engine (validate + guardrails + create + await AllInjected + delete + await gone): p50 %.1f ms, mean %.1f ms
                      kubectl (apply + wait --for=condition=AllInjected + delete --wait):               p50 %.1f ms, mean %.1f ms
                        of which apply p50 %.1f ms, wait p50 %.1f ms, delete --wait p50 %.1f ms
                      kubectl lower bound (apply + 2 x a one-GET kubectl process, as if its watches answered at once): %.1f ms
                      ratio engine/kubectl (p50): %.2fx; against kubectl's lower bound: %.2fx""", iterations, p50(engine),
                    mean(engine), p50(kubectl), mean(kubectl), p50(apply), p50(await), p50(delete), bound,
                    p50(engine) / p50(kubectl), p50(engine) / bound);
        }

        double ratio() {
            return p50(engine) / p50(kubectl);
        }
    }

    private KubectlLifecycleBench() {
    }

    static Result run(Path kubectl, int iterations) throws Exception {
        Path dir = Files.createTempDirectory("chaos-bench-kubectl-");
        try (PlaygroundCluster cluster = BenchFault.playground()) {
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
            ExperimentPlan experiment = BenchFault.plan();
            Path manifest = dir.resolve("fault.yaml");
            Files.writeString(manifest, Serialization.asYaml(BenchFault.resource(experiment, "kubectl-partition")));
            FaultInjector injector = new FaultInjector(cluster.client(), RunListener.silent(), RunOptions.defaults());
            for (int i = 0; i < 2; i++) {
                // Warm-up: class loading and JIT on our side, kubectl's discovery cache on theirs.
                BenchFault.engineLifecycleMillis(injector, experiment);
                kubectlOnce(kubectl, kubeconfig, manifest);
            }
            double[] engine = new double[iterations];
            double[] total = new double[iterations];
            double[] apply = new double[iterations];
            double[] await = new double[iterations];
            double[] delete = new double[iterations];
            double[] floor = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                floor[i] = kubectl(kubectl, kubeconfig, "get", "-n", "tenant-alice", "networkchaos");
                engine[i] = BenchFault.engineLifecycleMillis(injector, experiment);
                double[] steps = kubectlOnce(kubectl, kubeconfig, manifest);
                apply[i] = steps[0];
                await[i] = steps[1];
                delete[i] = steps[2];
                total[i] = steps[0] + steps[1] + steps[2];
            }
            return new Result(iterations, engine, total, apply, await, delete, floor);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static double[] kubectlOnce(Path kubectl, Path kubeconfig, Path manifest) throws Exception {
        double apply = kubectl(kubectl, kubeconfig, "apply", "-f", manifest.toString());
        double await = kubectl(kubectl, kubeconfig, "wait", "--for=condition=AllInjected", "--timeout=30s",
                "-n", "tenant-alice", "networkchaos/kubectl-partition");
        double delete = kubectl(kubectl, kubeconfig, "delete", "--wait", "--timeout=30s", "-f", manifest.toString());
        return new double[] {apply, await, delete};
    }

    private static double kubectl(Path kubectl, Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(KUBECTL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("kubectl " + args[0] + " did not finish within " + KUBECTL_TIMEOUT.toSeconds() + " s");
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IOException("kubectl " + args[0] + " failed (exit " + process.exitValue() + "): "
                    + new String(output, StandardCharsets.UTF_8).strip());
        }
        return millis;
    }
}
