package io.jenkins.plugins.chaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifest faults held for their own duration, Schedules judged by the chaos they spawned and Workflows by their
 * nodes, on the playground's simulated controllers; and nothing of what they spawned is left behind.
 */
@Timeout(120)
class CompositeFaultRunTest {

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private PlaygroundCluster cluster;

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(List.of("alice", "bob"), ChaosEffects.none(), Duration.ofMillis(50), true);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void manifestFaultIsHeldForItsOwnDuration() throws Exception {
        manifest("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: held-partition, namespace: tenant-alice}
                spec:
                  action: partition
                  mode: all
                  selector: {namespaces: [tenant-alice]}
                  direction: to
                  target: {mode: all, selector: {namespaces: [tenant-bob]}}
                  duration: 3s
                """);
        long start = System.nanoTime();
        RunResult result = run("");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(listener.infos().contains("Holding 1 fault(s) for 3s"), String.join("\n", listener.lines()));
        assertTrue(millis >= 3000, "held " + millis + " ms, not its 3s");
        assertEquals(Verdict.PASSED, result.verdict(), result.checks().toString());
    }

    @Test
    void scheduleIsJudgedByTheChildrenItSpawnedAndTheyAreRemoved() throws Exception {
        manifest("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: every-second, namespace: tenant-alice}
                spec:
                  schedule: "@every 1s"
                  type: NetworkChaos
                  historyLimit: 10
                  concurrencyPolicy: Allow
                  networkChaos:
                    action: partition
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: to
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    duration: 1s
                """);
        RunResult result = run("hold: 4s\n");
        CheckResult spawned = check(result, "Schedule tenant-alice/every-second spawned its chaos");
        assertEquals(Verdict.PASSED, spawned.verdict(), spawned.toString());
        assertTrue(spawned.summary().matches(".* created [2-9] chaos resource\\(s\\) during the hold, (each injected"
                + "|[1-9] injected and 1 spawned as the hold ended)"), spawned.summary());
        assertTrue(listener.infos().contains("Holding 1 fault(s) for 4s"), String.join("\n", listener.lines()));
        assertEquals(List.of(), ChaosTestSupport.allChaosResources(cluster.client()),
                "the Schedule and every child it spawned are gone");
    }

    @Test
    void scheduleThatSpawnsNothingDuringTheHoldIsAWarning() throws Exception {
        manifest("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: yearly, namespace: tenant-alice}
                spec:
                  schedule: "0 0 1 1 *"
                  type: NetworkChaos
                  historyLimit: 1
                  concurrencyPolicy: Forbid
                  networkChaos:
                    action: partition
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: to
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    duration: 2s
                """);
        RunResult result = run("");
        assertTrue(listener.infos().contains("Holding 1 fault(s) for 2s"), "the body's duration is the hold");
        CheckResult spawned = check(result, "Schedule tenant-alice/yearly spawned its chaos");
        assertEquals(Verdict.WARNING, spawned.verdict(), spawned.toString());
        assertTrue(spawned.summary().contains("created no chaos during the hold of 2s"), spawned.summary());
    }

    @Test
    void workflowIsHeldUntilItFinishesAndJudgedByItsNodes() throws Exception {
        manifest("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: serial, namespace: tenant-alice}
                spec:
                  entry: entry
                  templates:
                    - name: entry
                      templateType: Serial
                      deadline: 1m
                      children: [cut, settle]
                    - name: cut
                      templateType: NetworkChaos
                      deadline: 1s
                      networkChaos:
                        action: partition
                        mode: all
                        selector: {namespaces: [tenant-alice]}
                        direction: to
                        target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    - name: settle
                      templateType: Suspend
                      deadline: 1s
                """);
        long start = System.nanoTime();
        RunResult result = run("");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(listener.infos().contains("Holding 1 fault(s) for 1m"), String.join("\n", listener.lines()));
        assertTrue(listener.infos().contains("Every Workflow has finished; ending the hold"), String.join("\n", listener.lines()));
        assertTrue(seconds < 30, "held until it finished, not its whole deadline: " + seconds + " s");
        for (String node : List.of("entry", "cut", "settle")) {
            CheckResult check = check(result, "Workflow tenant-alice/serial node " + node);
            assertEquals(Verdict.PASSED, check.verdict(), check.toString());
        }
        assertEquals(Verdict.PASSED, check(result, "Workflow tenant-alice/serial finished").verdict());
        assertEquals(List.of(), ChaosTestSupport.allChaosResources(cluster.client()));
    }

    @Test
    void anAbortingStatusCheckIsCritical() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        manifest("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata: {name: checked, namespace: tenant-alice}
                spec:
                  entry: entry
                  templates:
                    - name: entry
                      templateType: Serial
                      deadline: 30s
                      children: [health, settle]
                    - name: health
                      templateType: StatusCheck
                      deadline: 1s
                      abortWithStatusCheck: true
                      statusCheck:
                        mode: Synchronous
                        type: HTTP
                        http: {url: "http://127.0.0.1:%d/health", criteria: {statusCode: "200"}}
                    - name: settle
                      templateType: Suspend
                      deadline: 1s
                """.formatted(closedPort));
        RunResult result = run("");
        CheckResult health = check(result, "Workflow tenant-alice/checked node health");
        assertEquals(Verdict.CRITICAL, health.verdict(), health.toString());
        assertTrue(health.summary().contains("aborted the workflow: StatusCheckNotExceedSuccessThreshold"), health.summary());
        assertEquals(Verdict.CRITICAL, result.verdict());
    }

    private void manifest(String yaml) throws Exception {
        Files.writeString(dir.resolve("fault.yaml"), yaml);
    }

    private RunResult run(String extra) throws Exception {
        String experiment = """
                name: composite
                environment: test
                maxDuration: 1m
                %sfaults:
                  - manifest: fault.yaml
                """.formatted(extra);
        LoadResult loaded = ExperimentLoader.fromYaml(experiment, "experiment.yaml", dir.toString(), PlanLimits.none());
        assertTrue(loaded.ok(), loaded::describeErrors);
        RunResult result = new ExperimentRunner(cluster.client(), listener,
                RunOptions.defaults().withPollInterval(Duration.ofMillis(50))).run(loaded.plan());
        assertEquals(List.of(), ChaosTestSupport.allChaosResources(cluster.client()), "nothing is left behind");
        return result;
    }

    private static CheckResult check(RunResult result, String name) {
        return result.checks().stream().filter(c -> c.probe().equals(ProbeIds.FAULT) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + result.checks()));
    }
}
