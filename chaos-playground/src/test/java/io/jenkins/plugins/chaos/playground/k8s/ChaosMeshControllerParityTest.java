package io.jenkins.plugins.chaos.playground.k8s;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.Json;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator against Chaos Mesh 2.8's controllers, case by case (chaos-mesh/chaos-mesh at 608b61e7, the commit
 * of the corpus): each test names the Go source whose behaviour it holds the simulator to, and runs with the
 * playground's minimal CRDs and with Chaos Mesh's own from the corpus.
 */
class ChaosMeshControllerParityTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private PlaygroundCluster cluster;

    static Stream<Arguments> crds() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("minimal CRDs", null));
        ChaosTestSupport.corpusDir().ifPresent(corpus -> out.add(Arguments.of("Chaos Mesh's CRDs", corpus.resolve("crd"))));
        if (out.size() == 1) {
            System.err.println("*** SKIPPED: ChaosMeshControllerParityTest with Chaos Mesh's CRDs: the corpus is absent ***");
        }
        return out.stream();
    }

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private KubernetesClient start(Path crds) {
        cluster = PlaygroundCluster.start(List.of("alice", "bob"), ChaosEffects.none(), Duration.ZERO, true, crds);
        return cluster.client();
    }

    /** finalizers.InitReconciler adds chaos-mesh/records at once; records (no target) leaves containerRecords nil. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void noTargetSelectedLeavesTheRecordsAbsentAndEveryConditionFalse(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        apply(client, network("nobody", "tenant-alice", "5m", Map.of("labelSelectors", Map.of("app", "nobody"))));
        GenericKubernetesResource chaos = awaitStatus(client, "NetworkChaos", "tenant-alice", "nobody",
                r -> r.getMetadata().getFinalizers().contains(ChaosMeshSimulator.FINALIZER) && !ChaosStatus.conditions(r).isEmpty());
        assertEquals(Map.of("Selected", "False", "AllInjected", "False", "AllRecovered", "False", "Paused", "False"),
                conditions(chaos));
        assertEquals("Run", experiment(chaos).get("desiredPhase"));
        assertNull(experiment(chaos).get("containerRecords"), "no record without a target (records/controller.go)");
    }

    /** records: one record per target and selector key, applied once (Injected, injectedCount 1, a Succeeded event). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void recordsPerTargetAndSelectorKeyThenAllInjected(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        GenericKubernetesResource partition = network("cut", "tenant-alice", "5m", Map.of("namespaces", List.of("tenant-alice")));
        SpecMaps.spec(partition).put("target", Map.of("mode", "all", "selector", Map.of("namespaces", List.of("tenant-bob"))));
        apply(client, partition);
        GenericKubernetesResource chaos = awaitStatus(client, "NetworkChaos", "tenant-alice", "cut",
                r -> ChaosStatus.condition(r, ChaosStatus.ALL_INJECTED));
        assertEquals(Map.of("Selected", "True", "AllInjected", "True", "AllRecovered", "False", "Paused", "False"),
                conditions(chaos));
        List<Map<String, Object>> records = records(chaos);
        assertEquals(List.of("tenant-alice/tenant-api-0 .", "tenant-bob/tenant-api-0 .Target"),
                records.stream().map(r -> r.get("id") + " " + r.get("selectorKey")).toList());
        for (Map<String, Object> record : records) {
            assertEquals("Injected", record.get("phase"));
            assertEquals(1, ((Number) record.get("injectedCount")).intValue());
            assertEquals(0, ((Number) record.get("recoveredCount")).intValue());
            List<?> events = (List<?>) record.get("events");
            assertEquals("Succeeded Apply", ((Map<?, ?>) events.get(0)).get("type") + " " + ((Map<?, ?>) events.get(0)).get("operation"));
        }
    }

    /** desiredphase: Stop once creationTimestamp + duration has passed; records recover (recoveredCount 1). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void durationPassedStopsAndRecovers(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        apply(client, network("short", "tenant-alice", "3s", Map.of("namespaces", List.of("tenant-alice"))));
        GenericKubernetesResource chaos = awaitStatus(client, "NetworkChaos", "tenant-alice", "short",
                r -> ChaosStatus.condition(r, ChaosStatus.ALL_RECOVERED));
        assertEquals("Stop", experiment(chaos).get("desiredPhase"));
        assertEquals(Map.of("Selected", "True", "AllInjected", "False", "AllRecovered", "True", "Paused", "False"),
                conditions(chaos));
        Map<String, Object> record = records(chaos).get(0);
        assertEquals("Not Injected", record.get("phase"));
        assertEquals(1, ((Number) record.get("injectedCount")).intValue());
        assertEquals(1, ((Number) record.get("recoveredCount")).intValue());
    }

    /** desiredphase + condition: the pause annotation stops (Paused True, recovered); removing it applies again. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void pauseAnnotationStopsAndResumeInjectsAgain(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        apply(client, network("pausable", "tenant-alice", "5m", Map.of("namespaces", List.of("tenant-alice"))));
        awaitStatus(client, "NetworkChaos", "tenant-alice", "pausable", r -> ChaosStatus.condition(r, ChaosStatus.ALL_INJECTED));
        annotate(client, "pausable", "true");
        GenericKubernetesResource paused = awaitStatus(client, "NetworkChaos", "tenant-alice", "pausable",
                r -> ChaosStatus.condition(r, "Paused") && ChaosStatus.condition(r, ChaosStatus.ALL_RECOVERED));
        assertEquals("Stop", experiment(paused).get("desiredPhase"));
        annotate(client, "pausable", null);
        GenericKubernetesResource resumed = awaitStatus(client, "NetworkChaos", "tenant-alice", "pausable",
                r -> ChaosStatus.condition(r, ChaosStatus.ALL_INJECTED));
        assertEquals("Run", experiment(resumed).get("desiredPhase"));
        assertEquals("False", conditions(resumed).get("Paused"));
        assertEquals(2, ((Number) records(resumed).get(0).get("injectedCount")).intValue());
        assertEquals(1, ((Number) records(resumed).get(0).get("recoveredCount")).intValue());
    }

    /** desiredphase: a one-shot kill stays Run (and Injected) past its duration and ignores the pause. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void oneShotStaysRunning(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        GenericKubernetesResource kill = chaos("PodChaos", "kill", "tenant-alice", Map.of("action", "pod-kill", "mode", "one",
                "duration", "1s", "selector", Map.of("namespaces", List.of("tenant-alice"))));
        apply(client, kill);
        awaitStatus(client, "PodChaos", "tenant-alice", "kill", r -> ChaosStatus.condition(r, ChaosStatus.ALL_INJECTED));
        Thread.sleep(2500);
        GenericKubernetesResource later = get(client, "PodChaos", "tenant-alice", "kill");
        assertEquals("Run", experiment(later).get("desiredPhase"));
        assertEquals("Injected", records(later).get(0).get("phase"));
    }

    /** finalizers.CleanReconciler: deleted, recovered, released; a stuck controller only lets go on cleanFinalizer=forced. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void deletionRecoversThenReleasesTheFinalizerOrOnlyWhenForced(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        apply(client, network("gone", "tenant-alice", "5m", Map.of("namespaces", List.of("tenant-alice"))));
        awaitStatus(client, "NetworkChaos", "tenant-alice", "gone", r -> ChaosStatus.condition(r, ChaosStatus.ALL_INJECTED));
        ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace("tenant-alice").withName("gone").delete();
        assertTrue(await(() -> get(client, "NetworkChaos", "tenant-alice", "gone") == null, WAIT), "released and gone");

        cluster.simulator().setReleasesFinalizers(false);
        apply(client, network("stuck", "tenant-alice", "5m", Map.of("namespaces", List.of("tenant-alice"))));
        awaitStatus(client, "NetworkChaos", "tenant-alice", "stuck", r -> ChaosStatus.condition(r, ChaosStatus.ALL_INJECTED));
        ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace("tenant-alice").withName("stuck").delete();
        Thread.sleep(1000);
        GenericKubernetesResource stuck = get(client, "NetworkChaos", "tenant-alice", "stuck");
        assertTrue(stuck != null && stuck.getMetadata().getDeletionTimestamp() != null, "held by its finalizer");
        ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace("tenant-alice").withName("stuck").edit(r -> {
            r.getMetadata().getAnnotations().put(ChaosLabels.CLEAN_FINALIZER, ChaosLabels.CLEAN_FINALIZER_FORCED);
            return r;
        });
        assertTrue(await(() -> get(client, "NetworkChaos", "tenant-alice", "stuck") == null, WAIT), "forced out");
    }

    /**
     * schedule/cron: a due run spawns the body, labelled managed-by and owned by the Schedule, and sets status.time;
     * schedule/active lists the children; Kubernetes' garbage collector removes them once the Schedule is gone.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void scheduleSpawnsOwnedChildrenThatGoWithIt(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        Map<String, Object> body = Map.of("action", "partition", "mode", "all", "duration", "1s",
                "selector", Map.of("namespaces", List.of("tenant-alice")), "direction", "to",
                "target", Map.of("mode", "all", "selector", Map.of("namespaces", List.of("tenant-bob"))));
        apply(client, chaos("Schedule", "every-second", "tenant-alice", Map.of("schedule", "@every 1s", "type", "NetworkChaos",
                "historyLimit", 2, "concurrencyPolicy", "Allow", "networkChaos", body)));
        assertTrue(await(() -> children(client).size() >= 2, WAIT), "spawned twice in a few seconds");
        GenericKubernetesResource schedule = get(client, "Schedule", "tenant-alice", "every-second");
        GenericKubernetesResource child = children(client).get(0);
        assertTrue(child.getMetadata().getName().matches("every-second-[bcdfghjklmnpqrstvwxz2456789]{5}"), child.getMetadata().getName());
        assertEquals(Map.of("managed-by", "every-second"), child.getMetadata().getLabels());
        OwnerReference owner = child.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("Schedule", "every-second", schedule.getMetadata().getUid(), "true"),
                List.of(owner.getKind(), owner.getName(), owner.getUid(), String.valueOf(owner.getController())));
        assertTrue(await(() -> SpecMaps.status(get(client, "Schedule", "tenant-alice", "every-second")).get("active") != null, WAIT));
        assertTrue(SpecMaps.status(get(client, "Schedule", "tenant-alice", "every-second")).get("time") != null);
        assertTrue(await(() -> children(client).stream().anyMatch(c -> ChaosStatus.condition(c, ChaosStatus.ALL_INJECTED)
                || ChaosStatus.injectedRecords(c) > 0), WAIT), "each child goes through the chaos pipeline");
        ChaosResources.of(client, ChaosKind.API_VERSION, "Schedule").inNamespace("tenant-alice").withName("every-second").delete();
        assertTrue(await(() -> children(client).isEmpty(), WAIT), "collected with their owner");
    }

    /** pkg/workflow: Serial nodes in turn, each a WorkflowNode; a chaos node's resource comes and goes; Accomplished. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void workflowRunsItsNodesAndAccomplishes(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        apply(client, chaos("Workflow", "serial", "tenant-alice", Map.of("entry", "entry", "templates", List.of(
                Map.of("name", "entry", "templateType", "Serial", "children", List.of("cut", "pause")),
                Map.of("name", "cut", "templateType", "NetworkChaos", "deadline", "1s", "networkChaos", Map.of(
                        "action", "partition", "mode", "all", "selector", Map.of("namespaces", List.of("tenant-alice")),
                        "direction", "to", "target", Map.of("mode", "all", "selector", Map.of("namespaces", List.of("tenant-bob"))))),
                Map.of("name", "pause", "templateType", "Suspend", "deadline", "1s")))));
        assertTrue(await(() -> ChaosStatus.condition(get(client, "Workflow", "tenant-alice", "serial"), "Accomplished"), WAIT));
        List<GenericKubernetesResource> nodes = ChaosResources.of(client, ChaosKind.API_VERSION, "WorkflowNode")
                .inNamespace("tenant-alice").withLabel(WorkflowController.WORKFLOW_LABEL, "serial").list().getItems();
        assertEquals(List.of("cut", "entry", "pause"), nodes.stream().map(n -> String.valueOf(SpecMaps.spec(n).get("templateName")))
                .sorted().toList());
        nodes.forEach(n -> assertTrue(ChaosStatus.condition(n, "Accomplished"), n.getMetadata().getName()));
        assertTrue(await(() -> ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace("tenant-alice")
                .list().getItems().isEmpty(), WAIT), "the chaos node's resource is deleted at its deadline");
    }

    /** pkg/workflow/controllers/statuscheck_reconciler.go: a failed check with abortWithStatusCheck marks the node Aborted. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void failingStatusCheckAbortsTheWorkflow(String name, Path crds) throws Exception {
        KubernetesClient client = start(crds);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        apply(client, chaos("Workflow", "checked", "tenant-alice", Map.of("entry", "entry", "templates", List.of(
                Map.of("name", "entry", "templateType", "Serial", "children", List.of("health", "pause")),
                Map.of("name", "health", "templateType", "StatusCheck", "deadline", "1s", "abortWithStatusCheck", true,
                        "statusCheck", Map.of("mode", "Synchronous", "type", "HTTP",
                                "http", Map.of("url", "http://127.0.0.1:" + closedPort + "/health"))),
                Map.of("name", "pause", "templateType", "Suspend", "deadline", "1s")))));
        assertTrue(await(() -> ChaosResources.of(client, ChaosKind.API_VERSION, "WorkflowNode").inNamespace("tenant-alice")
                .withLabel(WorkflowController.WORKFLOW_LABEL, "checked").list().getItems().stream()
                .anyMatch(n -> ChaosStatus.condition(n, "Aborted")), WAIT), "the status check aborted");
        Thread.sleep(2500);
        assertFalse(ChaosStatus.condition(get(client, "Workflow", "tenant-alice", "checked"), "Accomplished"));
    }

    private static List<GenericKubernetesResource> children(KubernetesClient client) {
        return ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace("tenant-alice")
                .withLabel("managed-by", "every-second").list().getItems();
    }

    private static GenericKubernetesResource network(String name, String namespace, String duration, Map<String, Object> selector) {
        return chaos("NetworkChaos", name, namespace, Map.of("action", "delay", "mode", "all", "duration", duration,
                "selector", selector, "delay", Map.of("latency", "10ms")));
    }

    private static GenericKubernetesResource chaos(String kind, String name, String namespace, Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(ChaosKind.API_VERSION);
        resource.setKind(kind);
        resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        resource.setAdditionalProperty("spec", deepCopy(spec));
        return resource;
    }

    /** Mutable all the way down, as a parsed manifest is (Map.of is not). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> spec) {
        return Json.MAPPER.convertValue(spec, LinkedHashMap.class);
    }

    private static void apply(KubernetesClient client, GenericKubernetesResource resource) {
        ChaosResources.of(client, resource.getApiVersion(), resource.getKind()).inNamespace(resource.getMetadata().getNamespace())
                .resource(resource).create();
    }

    private static void annotate(KubernetesClient client, String name, String pause) {
        ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace("tenant-alice").withName(name).edit(r -> {
            Map<String, String> annotations = r.getMetadata().getAnnotations() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getMetadata().getAnnotations());
            if (pause == null) {
                annotations.remove(ChaosRecords.PAUSE_ANNOTATION);
            } else {
                annotations.put(ChaosRecords.PAUSE_ANNOTATION, pause);
            }
            r.getMetadata().setAnnotations(annotations);
            return r;
        });
    }

    private static GenericKubernetesResource get(KubernetesClient client, String kind, String namespace, String name) {
        return ChaosResources.of(client, ChaosKind.API_VERSION, kind).inNamespace(namespace).withName(name).get();
    }

    private static GenericKubernetesResource awaitStatus(KubernetesClient client, String kind, String namespace, String name,
                                                         Predicate<GenericKubernetesResource> ready)
            throws InterruptedException {
        assertTrue(await(() -> {
            GenericKubernetesResource current = get(client, kind, namespace, name);
            return current != null && ready.test(current);
        }, WAIT), kind + " " + name + " never reached the expected status: " + get(client, kind, namespace, name));
        return get(client, kind, namespace, name);
    }

    private static Map<String, String> conditions(GenericKubernetesResource chaos) {
        Map<String, String> out = new TreeMap<>();
        ChaosStatus.conditions(chaos).forEach(c -> out.put(String.valueOf(c.get("type")), String.valueOf(c.get("status"))));
        return out;
    }

    private static Map<String, Object> experiment(GenericKubernetesResource chaos) {
        return SpecMaps.asMap(SpecMaps.status(chaos).get("experiment"));
    }

    private static List<Map<String, Object>> records(GenericKubernetesResource chaos) {
        List<Map<String, Object>> out = new ArrayList<>();
        SpecMaps.asList(experiment(chaos).get("containerRecords")).forEach(r -> out.add(SpecMaps.asMap(r)));
        return out;
    }
}
