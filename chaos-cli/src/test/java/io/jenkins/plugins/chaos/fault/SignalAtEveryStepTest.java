package io.jenkins.plugins.chaos.fault;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.await;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signal an aborted CI job sends (SIGTERM), a terminal's Ctrl-C (SIGINT) and a lost session (SIGHUP), at every step
 * of a ten-fault run of the CLI in a JVM of its own: whatever step the signal lands in, no chaos resource is left on
 * the cluster afterwards and the run's lease is gone. A step is recognised from outside, by the child's console and
 * the API server's objects, so the signal lands where a real one would.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalAtEveryStepTest {

    private static final int FAULTS = 10;

    /** Where the signal lands, how the test sees that the child is there, and the cluster that makes the step last. */
    enum Step {
        BEFORE_CREATES("5m", Duration.ZERO, false, (log, ours) -> log.contains("Chaos run ")),
        BETWEEN_CREATES("5m", Duration.ZERO, false, (log, ours) -> injecting(log) >= 3),
        // The third object is stored but its answer is held back: the create is in flight when the signal lands.
        DURING_A_CREATE("5m", Duration.ofMillis(700), false, (log, ours) -> ours >= 3),
        AWAITING_ALL_INJECTED("5m", Duration.ZERO, false, (log, ours) -> ours == FAULTS && !log.contains("In place")),
        HOLDING("5m", Duration.ZERO, false, (log, ours) -> log.contains("Holding " + FAULTS + " fault(s)")),
        // The controller holds the finalizers until the signal has landed: the child is still waiting for them to go.
        RECOVERING("6s", Duration.ZERO, true, (log, ours) -> log.contains("Removing NetworkChaos tenant-alice/cut-10-"));

        final String duration;
        final Duration createLatency;
        final boolean slowRecovery;
        final BiPredicate<String, Integer> reached;

        Step(String duration, Duration createLatency, boolean slowRecovery, BiPredicate<String, Integer> reached) {
            this.duration = duration;
            this.createLatency = createLatency;
            this.slowRecovery = slowRecovery;
            this.reached = reached;
        }

        private static long injecting(String log) {
            return log.lines().filter(line -> line.contains("Injecting ")).count();
        }
    }

    static Stream<Arguments> stepsAndSignals() {
        return Stream.of(Step.values()).flatMap(step -> Stream.of("TERM", "INT", "HUP").map(signal -> Arguments.of(step, signal)));
    }

    @TempDir
    Path dir;

    private PlaygroundCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String experiment(String duration) {
        StringBuilder yaml = new StringBuilder("name: signals\nfaults:\n");
        for (int i = 1; i <= FAULTS; i++) {
            yaml.append("""
                      - name: cut-%02d
                        kind: NetworkChaos
                        action: partition
                        duration: %s
                        mode: all
                        selector: {namespaces: [tenant-alice]}
                        direction: both
                        target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    """.formatted(i, duration));
        }
        return yaml.toString();
    }

    private int ours() {
        return new Sweeper(cluster.client(), RunListener.silent()).listOurs(null).size();
    }

    private static List<String> leases(KubernetesClient client) {
        return client.leases().inAnyNamespace().withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE).list()
                .getItems().stream().map(l -> l.getMetadata().getNamespace() + "/" + l.getMetadata().getName()).toList();
    }

    @ParameterizedTest(name = "SIG{1} {0}")
    @MethodSource("stepsAndSignals")
    void aSignalAtAnyStepLeavesNothingBehind(Step step, String signal) throws Exception {
        // The controller takes a second to inject: the wait for AllInjected is a step of its own, not an instant.
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofSeconds(1), true);
        cluster.setCreateLatency(step.createLatency);
        cluster.simulator().setReleasesFinalizers(!step.slowRecovery);
        Path file = Files.writeString(dir.resolve("signals.yaml"), experiment(step.duration));
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        try (ChildCli child = ChildCli.start(dir, List.of(), "run", file.toString(), "--kubeconfig", kubeconfig.toString(),
                "--report-dir", dir.resolve("reports").toString())) {
            assertTrue(await(() -> step.reached.test(child.log(), ours()) || !child.isAlive(), Duration.ofSeconds(60)),
                    () -> "the child never reached " + step + ":\n" + child.log());
            assertTrue(child.isAlive(), () -> "the child ended before " + step + ":\n" + child.log());

            child.signal(signal);
            cluster.simulator().setReleasesFinalizers(true);

            assertTrue(child.waitFor(45), () -> "the child did not end after SIG" + signal + ":\n" + child.log());
            assertTrue(await(() -> allChaosResources(cluster.client()).isEmpty(), Duration.ofSeconds(10)),
                    () -> "SIG" + signal + " " + step + " left behind: " + leftBehind() + "\n" + child.log());
            assertTrue(await(() -> leases(cluster.client()).isEmpty(), Duration.ofSeconds(5)),
                    () -> "SIG" + signal + " " + step + " left its lease: " + leases(cluster.client()) + "\n" + child.log());
        }
    }

    private String leftBehind() {
        List<GenericKubernetesResource> left = allChaosResources(cluster.client());
        return left.size() + " " + names(left);
    }
}
