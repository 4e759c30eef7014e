package io.jenkins.plugins.chaos.probe.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.probe.network.ProbeOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How one probe pod's end is read, with the statuses a real kubelet writes: the playground's own simulator is
 * switched off and the test plays the kubelet for each pod.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProbePodRunnerTest {

    private static PlaygroundCluster cluster;
    private static KubernetesClient client;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ProbeTarget TARGET = new ProbeTarget("tenant-bob", "tenant-api", 8080);

    @BeforeAll
    static void start() {
        cluster = PlaygroundCluster.start(List.of("alice", "bob"), ChaosEffects.none(), Duration.ofMillis(50), true);
        client = cluster.client();
        cluster.probePods().setResponsive(false);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void imagePullFailureEndsTheAttemptAtOnceAsCannotStart() throws Exception {
        ProbeOutcome outcome = attemptAnsweredWith(new PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder().withName("nc").withNewState().withNewWaiting()
                        .withReason("ImagePullBackOff").endWaiting().endState().build()).build());

        assertEquals(Kind.CANNOT_START, outcome.kind(), outcome.toString());
        assertTrue(outcome.detail().contains("ImagePullBackOff"), outcome.detail());
        assertTrue(outcome.durationMillis() < 10_000, "did not wait for the pod timeout: " + outcome.durationMillis());
    }

    @Test
    void theKubeletsDeadlineIsATimeoutNotARefusal() throws Exception {
        ProbeOutcome outcome = attemptAnsweredWith(new PodStatusBuilder().withPhase("Failed").withReason("DeadlineExceeded").build());

        assertEquals(Kind.TIMED_OUT, outcome.kind(), outcome.toString());
    }

    @Test
    void anImageWithoutNcIsAFailedPodNotARefusal() throws Exception {
        ProbeOutcome outcome = attemptAnsweredWith(terminated(127, null));

        assertEquals(Kind.POD_FAILED, outcome.kind(), outcome.toString());
        assertTrue(outcome.detail().contains("exited 127 (no nc in the image?)"), outcome.detail());
    }

    @Test
    void anNcThatDoesNotKnowTheOptionsIsAFailedPod() throws Exception {
        ProbeOutcome outcome = attemptAnsweredWith(terminated(1, "nc: invalid option -- 'z'\nBusyBox v1.20 usage: nc ..."));

        assertEquals(Kind.POD_FAILED, outcome.kind(), outcome.toString());
    }

    @Test
    void exitOneWithoutComplaintIsNotConnected() throws Exception {
        ProbeOutcome outcome = attemptAnsweredWith(terminated(1, null));

        assertEquals(Kind.NOT_CONNECTED, outcome.kind(), outcome.toString());
        assertTrue(outcome.evidence().contains("probe pod deleted"), outcome.evidence().toString());
    }

    @Test
    void aPodDeletedBySomeoneElseIsReportedAsVanished() throws Exception {
        String name = "netprobe-t-" + NEXT.incrementAndGet();
        CompletableFuture<ProbeOutcome> outcome = CompletableFuture.supplyAsync(() -> runner(Duration.ofSeconds(20))
                .attempt(name, "tenant-alice", TARGET));
        awaitPod(name);
        client.pods().inNamespace("tenant-alice").withName(name).delete();

        assertEquals(Kind.VANISHED, outcome.get(10, TimeUnit.SECONDS).kind());
    }

    @Test
    void aStoppedAttemptStillDeletesItsPod() throws Exception {
        String name = "netprobe-t-" + NEXT.incrementAndGet();
        CountDownLatch stop = new CountDownLatch(1);
        ProbePodRunner runner = new ProbePodRunner(client, "t", "busybox:1.36", Duration.ofSeconds(1), Duration.ofSeconds(20), stop);
        CompletableFuture<ProbeOutcome> outcome = CompletableFuture.supplyAsync(() -> runner.attempt(name, "tenant-alice", TARGET));
        awaitPod(name);
        stop.countDown();

        assertEquals(Kind.INTERRUPTED, outcome.get(10, TimeUnit.SECONDS).kind());
        assertNull(client.pods().inNamespace("tenant-alice").withName(name).get());
    }

    private static PodStatus terminated(int exitCode, String message) {
        return new PodStatusBuilder().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName("nc").withNewState().withNewTerminated()
                        .withExitCode(exitCode).withReason("Error").withMessage(message).endTerminated().endState().build())
                .build();
    }

    private ProbeOutcome attemptAnsweredWith(PodStatus status) throws Exception {
        String name = "netprobe-t-" + NEXT.incrementAndGet();
        CompletableFuture<ProbeOutcome> outcome = CompletableFuture.supplyAsync(() -> runner(Duration.ofSeconds(20))
                .attempt(name, "tenant-alice", TARGET));
        awaitPod(name);
        client.pods().inNamespace("tenant-alice").withName(name).editStatus(p -> {
            p.setStatus(status);
            return p;
        });
        ProbeOutcome result = outcome.get(15, TimeUnit.SECONDS);
        assertNull(client.pods().inNamespace("tenant-alice").withName(name).get(), "the pod is deleted");
        return result;
    }

    private static ProbePodRunner runner(Duration podTimeout) {
        return new ProbePodRunner(client, "t", "busybox:1.36", Duration.ofSeconds(1), podTimeout, new CountDownLatch(1));
    }

    private static void awaitPod(String name) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (client.pods().inNamespace("tenant-alice").withName(name).get() == null) {
            assertTrue(Instant.now().isBefore(deadline), "pod " + name + " never created");
            Thread.sleep(10);
        }
    }
}
