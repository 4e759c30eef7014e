package io.jenkins.plugins.chaos.fault;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.await;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run's liveness lease: held and renewed while the run lives, deleted when its faults are gone; and the sweep that
 * trusts it: a live run's faults are never touched (not even with --all and --force), a dead run's go at once,
 * whatever their expiry annotation says. The SIGKILL case with the real 10 s / 30 s timings is in the CLI's
 * RecoveryTest; here the timings are shortened, which changes how long the test waits, not what it shows.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunLeaseTest {

    private static final Duration POLL = Duration.ofMillis(50);

    private PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(50), true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ExperimentPlan partition(String from, String duration) {
        LoadResult loaded = ExperimentLoader.fromYaml("""
                name: lease
                faults:
                  - name: cut-%s
                    kind: NetworkChaos
                    action: partition
                    duration: %s
                    mode: all
                    selector: {namespaces: [tenant-%s]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                """.formatted(from, duration, from), "lease.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    private Lease lease(String namespace, String runId) {
        return cluster.client().leases().inNamespace(namespace).withName(RunLease.nameFor(runId)).get();
    }

    private Sweeper sweeper() {
        return new Sweeper(cluster.client(), listener);
    }

    @Test
    void aLiveRunRenewsItsLeaseAndNoSweepTouchesItsFaults() throws Exception {
        RunOptions options = RunOptions.defaults().withPollInterval(POLL).withRunId("lease-live")
                .withLeaseTimings(Duration.ofMillis(200), Duration.ofSeconds(1));
        FaultInjector injector = new FaultInjector(cluster.client(), listener, options);

        InjectedFaults injected = injector.inject(partition("alice", "5m"));

        ChaosResourceRef ref = injected.resources().get(0);
        Lease taken = lease("tenant-alice", "lease-live");
        assertNotNull(taken, "the lease is in the namespace of the first fault\n" + listener.text());
        assertEquals(1, taken.getSpec().getLeaseDurationSeconds());
        assertTrue(taken.getSpec().getHolderIdentity().contains("pid " + ProcessHandle.current().pid()),
                taken.getSpec().getHolderIdentity());
        assertEquals("lease-live", taken.getMetadata().getLabels().get(ChaosLabels.RUN_ID));
        assertEquals("tenant-alice/chaos-run-lease-live",
                ChaosResources.of(cluster.client(), ref).get().getMetadata().getAnnotations().get(ChaosLabels.LEASE));

        // Two and a half validities later the run is still alive: the renewals kept the lease valid.
        Thread.sleep(2500);
        Lease renewed = lease("tenant-alice", "lease-live");
        assertTrue(renewed.getSpec().getRenewTime().isAfter(taken.getSpec().getRenewTime().plusSeconds(2)),
                () -> taken.getSpec().getRenewTime() + " -> " + renewed.getSpec().getRenewTime());
        Sweeper.SweepResult swept = sweeper().sweep(null, false, true, Instant.now());

        assertEquals(List.of(ref), swept.alive(), listener::text);
        assertEquals(List.of(), swept.deleted());
        assertEquals(0, swept.leasesDeleted());
        GenericKubernetesResource still = ChaosResources.of(cluster.client(), ref).get();
        assertNotNull(still, "a sweep with --all --force deleted a live run's fault");
        assertNull(still.getMetadata().getDeletionTimestamp(), "a sweep with --all --force deleted a live run's fault");
        assertTrue(listener.text().contains("Sweep: kept " + ref + ": run lease-live is alive"), listener::text);

        injector.recover(injected.resources());

        assertNull(lease("tenant-alice", "lease-live"), "the lease goes with the run's faults");
        assertTrue(await(() -> sweeper().listOurs(null).isEmpty(), Duration.ofSeconds(10)), listener::text);
    }

    @Test
    void theLeaseOutlivesTheClientOfTheInjectCallAsThePluginsChaosInjectNeeds() throws Exception {
        // The plugin injects in one remote call and recovers in another, each with a client of its own (EngineBridge).
        RunOptions options = RunOptions.defaults().withPollInterval(POLL).withRunId("lease-plugin")
                .withLeaseTimings(Duration.ofMillis(200), Duration.ofSeconds(1));
        InjectedFaults injected;
        try (KubernetesClient injectCall = new KubernetesClientBuilder().withConfig(cluster.config()).build()) {
            injected = new FaultInjector(injectCall, listener, options).inject(partition("alice", "5m"));
        }

        Thread.sleep(2500);
        Lease lease = lease("tenant-alice", "lease-plugin");
        assertNotNull(lease, listener::text);
        assertFalse(RunLease.expired(lease, Instant.now()), () -> "not renewed after the inject call's client closed: "
                + lease.getSpec().getRenewTime() + "\n" + listener.text());
        assertEquals(List.of(), sweeper().sweep(null, false, false, Instant.now()).deleted(), listener::text);

        try (KubernetesClient recoverCall = new KubernetesClientBuilder().withConfig(cluster.config()).build()) {
            new FaultInjector(recoverCall, listener, options).recover(injected.resources());
        }

        assertNull(lease("tenant-alice", "lease-plugin"), "the recover call ends the run's lease");
        assertTrue(await(() -> sweeper().listOurs(null).isEmpty(), Duration.ofSeconds(10)), listener::text);
    }

    /** What a SIGKILLed run leaves: its faults, annotated with its lease, and the lease, no longer renewed. */
    private ChaosResourceRef leftByDeadRun(String namespace, String runId, ZonedDateTime lastRenewal, boolean withLease) {
        if (withLease) {
            cluster.client().leases().inNamespace(namespace).resource(new LeaseBuilder()
                    .withNewMetadata().withName(RunLease.nameFor(runId)).withNamespace(namespace)
                    .withLabels(Map.of(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE, ChaosLabels.RUN_ID, runId))
                    .endMetadata().withNewSpec().withHolderIdentity("chaos-engine pid 1").withLeaseDurationSeconds(30)
                    .withAcquireTime(lastRenewal).withRenewTime(lastRenewal).endSpec().build()).create();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE);
        labels.put(ChaosLabels.RUN_ID, runId);
        Map<String, String> annotations = new LinkedHashMap<>();
        // The expiry is an hour away: only the lease can tell that the run is dead.
        annotations.put(ChaosLabels.EXPIRES_AT, Instant.now().plus(Duration.ofHours(1)).toString());
        annotations.put(ChaosLabels.LEASE, namespace + "/" + RunLease.nameFor(runId));
        GenericKubernetesResource resource = Serialization.unmarshal("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: NetworkChaos
                metadata: {name: left-%s, namespace: %s}
                spec: {action: partition, mode: all, selector: {namespaces: [%s]}, direction: both, duration: 1h,
                       target: {mode: all, selector: {namespaces: [tenant-bob]}}}
                """.formatted(runId, namespace, namespace), GenericKubernetesResource.class);
        resource.getMetadata().setLabels(labels);
        resource.getMetadata().setAnnotations(annotations);
        ChaosResources.of(cluster.client(), resource.getApiVersion(), resource.getKind()).inNamespace(namespace)
                .resource(resource).create();
        return ChaosResourceRef.of(resource);
    }

    @Test
    void aSweepRemovesTheFaultsOfADeadRunAtOnceAndKeepsTheLiveOnes() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ChaosResourceRef lapsed = leftByDeadRun("tenant-alice", "dead1", now.minusSeconds(31), true);
        ChaosResourceRef leaseGone = leftByDeadRun("tenant-carol", "dead2", now, false);
        ChaosResourceRef live = leftByDeadRun("tenant-bob", "live1", now.minusSeconds(5), true);

        // No --all: the dead runs' faults go although their expiry is an hour away; the live run's stays.
        Sweeper.SweepResult swept = sweeper().sweep(null, true, false, Instant.now());

        assertEquals(List.of(lapsed.toString(), leaseGone.toString()),
                swept.deleted().stream().map(ChaosResourceRef::toString).sorted().toList(), listener::text);
        assertEquals(List.of(live), swept.alive(), listener::text);
        assertEquals(1, swept.leasesDeleted(), "the lapsed lease went with its run's fault");
        assertNull(lease("tenant-alice", "dead1"));
        assertNotNull(lease("tenant-bob", "live1"));
        assertTrue(listener.text().contains("Sweep: deleted " + lapsed + " (its run's lease tenant-alice/chaos-run-dead1 "
                + "expired or is gone) left behind by run dead1"), listener::text);
        assertTrue(await(() -> names(sweeper().listOurs(null)).equals("[NetworkChaos tenant-bob/left-live1]"),
                Duration.ofSeconds(10)), () -> names(sweeper().listOurs(null)));
    }

    @Test
    void theNextRunsSweepRemovesADeadRunsFaultsBeforeItInjects() throws Exception {
        ChaosResourceRef lapsed = leftByDeadRun("tenant-alice", "dead3", ZonedDateTime.now(ZoneOffset.UTC).minusSeconds(31), true);

        RunResult result = new ExperimentRunner(cluster.client(), listener, RunOptions.defaults().withPollInterval(POLL))
                .run(partition("carol", "5s"));

        assertTrue(result.notes().contains("swept 1 expired chaos resource(s) left behind by earlier runs"),
                () -> result.notes() + "\n" + listener.text());
        assertTrue(listener.text().contains("Sweep: deleted " + lapsed), listener::text);
        assertTrue(await(() -> sweeper().listOurs(null).isEmpty(), Duration.ofSeconds(10)), () -> names(sweeper().listOurs(null)));
        assertTrue(cluster.client().leases().inAnyNamespace().list().getItems().isEmpty(),
                "neither the dead run's lease nor the finished run's is left");
    }
}
