package io.jenkins.plugins.chaos.fault;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.await;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.support.ChildCli;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is left behind, whatever ends a run: an exception, an interrupt while waiting or while holding, an injection
 * timeout, a deletion stuck on Chaos Mesh's finalizer, SIGTERM (the shutdown hook) and SIGKILL (the next run's sweep).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RecoveryTest {

    private static final Duration POLL = Duration.ofMillis(50);

    private PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(50), true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static String partition(String duration, String extraTopLevel) {
        return extraTopLevel + """
                name: recovery
                faults:
                  - name: alice-bob
                    kind: NetworkChaos
                    action: partition
                    duration: %s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                """.formatted(duration);
    }

    private static ExperimentPlan experiment(String yaml) {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "recovery.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    private FaultInjector injector(RunListener runListener) {
        return new FaultInjector(cluster.client(), runListener, RunOptions.defaults().withPollInterval(POLL));
    }

    private List<GenericKubernetesResource> ours() {
        return new Sweeper(cluster.client(), RunListener.silent()).listOurs(null);
    }

    private void assertNothingLeft() {
        List<GenericKubernetesResource> left = allChaosResources(cluster.client());
        assertEquals(0, left.size(), () -> "left behind: " + names(left) + "\n" + listener.text());
    }

    @Test
    void anExceptionWhileTheFaultIsHeldStillRemovesIt() throws Exception {
        // A listener that fails once, on the line that announces the hold: the run dies with the fault in place.
        RunListener throwing = new RunListener() {
            @Override
            public void info(String line) {
                listener.info(line);
                if (line.startsWith("Holding")) {
                    throw new IllegalStateException("console went away");
                }
            }

            @Override
            public void warn(String line) {
                listener.warn(line);
            }
        };
        ExperimentRunner runner = new ExperimentRunner(cluster.client(), throwing, RunOptions.defaults().withPollInterval(POLL));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> runner.run(experiment(partition("30s", ""))));

        assertEquals("console went away", thrown.getMessage());
        assertTrue(listener.text().contains("In place: NetworkChaos tenant-alice/alice-bob-"), listener::text);
        assertTrue(listener.text().contains("Gone: NetworkChaos tenant-alice/alice-bob-"), listener::text);
        assertNothingLeft();
    }

    @Test
    void aFaultTheApiRefusesRemovesTheOnesAlreadyCreatedAndLeavesForeignResourcesAlone() throws Exception {
        // Someone else's NetworkChaos already holds the name the experiment's second fault wants: the API says 409.
        GenericKubernetesResource foreign = Serialization.unmarshal("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: taken, namespace: tenant-bob}
                spec: {action: delay, mode: all, selector: {namespaces: [tenant-bob]}, delay: {latency: 10ms}, duration: 10m}
                """, GenericKubernetesResource.class);
        ChaosResources.of(cluster.client(), foreign.getApiVersion(), foreign.getKind()).inNamespace("tenant-bob")
                .resource(foreign).create();
        Files.writeString(dir.resolve("taken.yaml"), """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: taken, namespace: tenant-bob}
                spec: {action: loss, mode: all, selector: {namespaces: [tenant-bob]}, loss: {loss: '50'}, duration: 30s}
                """);
        LoadResult loaded = ExperimentLoader.fromYaml(partition("30s", "") + "  - manifest: taken.yaml\n", "refused.yaml",
                dir.toString());
        assertTrue(loaded.ok(), loaded::describeErrors);

        FaultInjectionException thrown = assertThrows(FaultInjectionException.class,
                () -> injector(listener).inject(loaded.plan()));

        assertTrue(thrown.getMessage().contains("HTTP 409"), thrown.getMessage());
        assertEquals("[]", names(ours()), "none of ours is left");
        assertTrue(listener.text().contains("Gone: NetworkChaos tenant-alice/alice-bob-"), listener::text);
        GenericKubernetesResource survivor = ChaosResources.of(cluster.client(), foreign.getApiVersion(), foreign.getKind())
                .inNamespace("tenant-bob").withName("taken").get();
        assertNotNull(survivor, () -> "the foreign resource was deleted by our cleanup\n" + listener.text());
        assertNull(survivor.getMetadata().getDeletionTimestamp(), "the foreign resource is being deleted by our cleanup");
        assertEquals("delay", SpecMaps.spec(survivor).get("action"));
        assertEquals(1, allChaosResources(cluster.client()).size(), () -> names(allChaosResources(cluster.client())));
    }

    @Test
    void anInterruptDuringTheInjectionWaitRemovesTheFault() throws Exception {
        cluster.simulator().setResponsive(false);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread injecting = new Thread(() -> {
            try {
                injector(listener).inject(experiment(partition("30s", "")));
                outcome.set(new AssertionError("injection succeeded with an unresponsive controller"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "injecting");
        injecting.start();
        assertTrue(await(() -> ours().size() == 1, Duration.ofSeconds(20)), "the fault was created");

        injecting.interrupt();
        injecting.join(30_000);

        assertFalse(injecting.isAlive());
        assertInstanceOf(InterruptedException.class, outcome.get(), () -> String.valueOf(outcome.get()) + "\n" + listener.text());
        assertTrue(listener.text().contains("Injection did not complete"), listener::text);
        assertNothingLeft();
    }

    @Test
    void anInjectionTimeoutIsAnInfrastructureErrorAndRemovesTheFault() throws Exception {
        cluster.simulator().setResponsive(false);
        ExperimentPlan experiment = experiment(partition("30s", "injectionTimeout: 2s\n"));

        FaultInjectionException thrown = assertThrows(FaultInjectionException.class, () -> injector(listener).inject(experiment));

        assertTrue(thrown.getMessage().contains("within 2s (injectionTimeout)"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("NetworkChaos tenant-alice/alice-bob-"), thrown.getMessage());
        assertNothingLeft();

        Path file = Files.writeString(dir.resolve("timeout.yaml"), partition("30s", "injectionTimeout: 2s\n"));
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        CliRun run = cli("run", file.toString(), "--kubeconfig", kubeconfig.toString());
        assertEquals(4, run.exit(), run::toString);
        assertTrue(run.out().contains("Fault injection failed"), run::toString);
        assertNothingLeft();
    }

    @Test
    void theRunnerInterruptedWhileHoldingRemovesTheFault() throws Exception {
        // The Jenkins abort path: the build's thread is interrupted while the fault is in place.
        ExperimentRunner runner = new ExperimentRunner(cluster.client(), listener, RunOptions.defaults().withPollInterval(POLL));
        CompletableFuture<RunResult> run = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                run.complete(runner.run(experiment(partition("5m", ""))));
            } catch (Throwable t) {
                run.completeExceptionally(t);
            }
        }, "build");
        build.start();
        assertTrue(await(() -> listener.text().contains("Holding 1 fault(s)"), Duration.ofSeconds(20)), listener::text);
        assertEquals(1, ours().size());

        build.interrupt();

        ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, failed.getCause());
        assertTrue(listener.text().contains("Gone: NetworkChaos tenant-alice/alice-bob-"), listener::text);
        assertNothingLeft();
    }

    @Test
    void aDeletionStuckOnTheFinalizerIsReportedAndReleasedBySweepForce() throws Exception {
        cluster.simulator().setReleasesFinalizers(false);
        FaultInjector injector = injector(listener);
        InjectedFaults injected = injector.inject(experiment(partition("30s", "recoveryTimeout: 2s\n")));
        ChaosResourceRef ref = injected.resources().get(0);

        List<RecoveryOutcome> outcomes = injector.recover(injected.resources());

        assertEquals(1, outcomes.size());
        RecoveryOutcome outcome = outcomes.get(0);
        assertFalse(outcome.recovered());
        assertEquals(ref, outcome.resource());
        assertTrue(outcome.outcome().contains("stuck in deletion on finalizers [chaos-mesh/records]"), outcome.outcome());
        assertTrue(outcome.outcome().contains("chaos sweep --force"), outcome.outcome());
        assertTrue(listener.text().contains("WARNING: " + ref + " is stuck"), listener::text);
        assertNotNull(ChaosResources.of(cluster.client(), ref).get(), "still there, held by the finalizer");

        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        CliRun plain = cli("sweep", "--all", "--kubeconfig", kubeconfig.toString());
        assertEquals(4, plain.exit(), plain::toString);
        assertTrue(plain.out().contains(ref + " is stuck in deletion"), plain::toString);

        CliRun forced = cli("sweep", "--all", "--force", "--kubeconfig", kubeconfig.toString());
        assertEquals(0, forced.exit(), forced::toString);
        assertTrue(forced.out().contains("released " + ref), forced::toString);
        assertTrue(await(() -> ChaosResources.of(cluster.client(), ref).get() == null, Duration.ofSeconds(10)),
                "released and gone");
        assertNothingLeft();
    }

    // --- A separate JVM running the CLI, stopped from outside ---

    private ChildCli startChild(Path experiment) throws Exception {
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        return ChildCli.start(dir, List.of(), "run", experiment.toString(), "--kubeconfig", kubeconfig.toString());
    }

    private void awaitHolding(ChildCli child, int faults) throws InterruptedException {
        assertTrue(await(() -> child.log().contains("Holding " + faults + " fault(s)") || !child.isAlive(), Duration.ofSeconds(45)),
                () -> "the child never held its faults:\n" + child.log());
        assertTrue(child.isAlive(), () -> "the child ended early:\n" + child.log());
        assertEquals(faults, ours().size(), child::log);
    }

    private List<String> leases() {
        return cluster.client().leases().inAnyNamespace().list().getItems().stream()
                .map(l -> l.getMetadata().getNamespace() + "/" + l.getMetadata().getName()).toList();
    }

    @Test
    void aSweepDuringALiveRunKeepsItsFaultAndSigtermRemovesIt() throws Exception {
        Path experiment = Files.writeString(dir.resolve("exp.yaml"), partition("5m", ""));
        ChildCli child = startChild(experiment);
        try {
            awaitHolding(child, 1);
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));

            // --all and --force included: the run renews its lease, so its fault is not left behind.
            CliRun sweep = cli("sweep", "--all", "--force", "--kubeconfig", kubeconfig.toString());

            assertEquals(0, sweep.exit(), sweep::toString);
            assertTrue(sweep.out().contains("0 deleted") && sweep.out().contains("1 kept (their run is alive)"), sweep::toString);
            GenericKubernetesResource still = ours().get(0);
            assertNull(still.getMetadata().getDeletionTimestamp(), () -> "the sweep deleted a live run's fault\n" + sweep);
            assertTrue(child.isAlive(), child::log);

            child.signal("TERM");

            assertTrue(child.waitFor(30), "the child ended after SIGTERM");
            assertTrue(await(() -> allChaosResources(cluster.client()).isEmpty(), Duration.ofSeconds(10)),
                    () -> "left behind: " + names(allChaosResources(cluster.client())) + "\n" + child.log());
            assertTrue(child.log().contains("chaos: removed NetworkChaos tenant-alice/alice-bob-"), child::log);
            assertEquals(List.of(), leases(), child::log);
        } finally {
            child.close();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void afterSigkillASweep31SecondsLaterLeavesNothingAndSoDoesTheNextRun() throws Exception {
        // Two faults in two namespaces: one for 'chaos sweep', one for the next run's own sweep.
        Path experiment = Files.writeString(dir.resolve("exp.yaml"), partition("5m", "") + """
                  - name: carol-bob
                    kind: NetworkChaos
                    action: partition
                    duration: 5m
                    mode: all
                    selector: {namespaces: [tenant-carol]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                """);
        ChildCli child = startChild(experiment);
        Instant killed;
        try {
            awaitHolding(child, 2);
            child.signal("KILL");
            assertTrue(child.waitFor(30), "the child died");
            killed = Instant.now();
        } finally {
            child.close();
        }
        Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        // SIGKILL runs no hook: the faults stay, and their expiry is 5m + 5m of grace away. Within the lease's 30 s
        // nothing can tell the dead run from a slow one, so a sweep keeps them.
        CliRun early = cli("sweep", "--kubeconfig", kubeconfig.toString());
        assertEquals(0, early.exit(), early::toString);
        assertEquals(2, ours().size(), early::toString);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), killed.plusSeconds(31)).toMillis()));
        CliRun sweep = cli("sweep", "--namespace", "tenant-alice", "--kubeconfig", kubeconfig.toString());

        assertEquals(0, sweep.exit(), sweep::toString);
        assertTrue(sweep.out().contains("Sweep: deleted NetworkChaos tenant-alice/alice-bob-"), sweep::toString);
        assertTrue(sweep.out().contains("1 expired lease(s) deleted"), sweep::toString);
        assertTrue(await(() -> ours().stream().noneMatch(r -> r.getMetadata().getNamespace().equals("tenant-alice")),
                Duration.ofSeconds(10)), () -> names(ours()));

        // The next run sweeps the other one before it injects anything: its run's lease is gone.
        ExperimentRunner next = new ExperimentRunner(cluster.client(), listener, RunOptions.defaults().withPollInterval(POLL));
        RunResult result = next.run(experiment(partition("1s", "").replace("alice-bob", "alice-carol")
                .replace("tenant-bob", "tenant-carol")));

        assertTrue(result.notes().contains("swept 1 expired chaos resource(s) left behind by earlier runs"),
                () -> result.notes() + "\n" + listener.text());
        assertTrue(listener.text().contains("Sweep: deleted NetworkChaos tenant-carol/carol-bob-"), listener::text);
        assertTrue(await(() -> allChaosResources(cluster.client()).isEmpty(), Duration.ofSeconds(10)),
                () -> "left behind: " + names(allChaosResources(cluster.client())));
        assertEquals(List.of(), leases());
    }
}
