package io.jenkins.plugins.chaos.fault;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.await;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentFiles;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.Guardrails;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Chaos Mesh project's own example manifests, which nobody here wrote: the supported ones validate and are
 * applied unchanged, the others are refused with a plain sentence. The corpus CRDs register in the playground and
 * keep status behind the status subresource.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CorpusManifestTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Optional<Path> CORPUS = ChaosTestSupport.corpusDir();

    private static PlaygroundCluster cluster;
    private static Path kubeconfig;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ChaosTestSupport.requireCorpus();
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(50), true);
        // The corpus selectors name pods (tikv, etcd, web-show) the playground does not run, so the simulated
        // controller would report Selected=False and injection would never be confirmed. An unresponsive controller
        // is the honest stand-in: the resource is created exactly as a real API server would store it, read back
        // while the injector waits, and the wait is then aborted, which must remove it again.
        cluster.simulator().setResponsive(false);
        kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(CORPUS.orElseThrow().resolve("examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static JsonNode firstDocument(Path file) throws Exception {
        return YAML.readTree(Files.readString(file));
    }

    /** Why the engine must refuse this file, or empty when it must apply it. */
    private static Optional<String> refusal(JsonNode doc) {
        String kind = doc.path("kind").asText();
        if (ChaosKinds.refusal(kind).isPresent()) {
            return Optional.of(kind);
        }
        if (doc.path("spec").has("remoteCluster")) {
            return Optional.of("spec.remoteCluster");
        }
        // Chaos Mesh lets such a fault run until someone deletes it; this engine requires that every fault it applies
        // ends by itself, even if the run dies (one-shot kills need no duration; Schedule and Workflow bodies are
        // checked where they sit).
        boolean endsByItself = doc.path("spec").has("duration") || Set.of("Schedule", "Workflow").contains(kind)
                || ChaosKind.isOneShot(kind, doc.path("spec").path("action").asText());
        if (!endsByItself) {
            return Optional.of("spec.duration");
        }
        return Optional.empty();
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusExample() throws Exception {
        ChaosTestSupport.requireCorpus();
        List<Path> files = examples();
        assertTrue(files.size() >= 30, "the corpus holds its examples: " + files.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode doc = firstDocument(file);
            Optional<String> refused = refusal(doc);
            if (refused.isPresent()) {
                refusedPlainly(file, refused.get());
            } else {
                appliedUnchanged(file, doc);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRefusedKindIsInTheCorpus() throws Exception {
        // The unsupported examples this test relies on must really be there, or the refusals above test nothing.
        ChaosTestSupport.requireCorpus();
        List<String> seen = new ArrayList<>();
        for (Path file : examples()) {
            refusal(firstDocument(file)).ifPresent(seen::add);
        }
        return Stream.of("PhysicalMachineChaos", "PhysicalMachine", "RemoteCluster", "StatusCheck", "spec.remoteCluster",
                        "spec.duration")
                .map(what -> DynamicTest.dynamicTest(what, () -> assertTrue(seen.contains(what), seen.toString())));
    }

    private static void refusedPlainly(Path file, String what) {
        CliRun validate = cli("validate", file.toString());
        assertEquals(2, validate.exit(), validate::toString);
        assertTrue(validate.out().contains(what), () -> "names " + what + "\n" + validate);
        String reason = switch (what) {
            case "spec.remoteCluster" -> "remote clusters are not supported";
            case "spec.duration" -> "spec.duration: is required, so that Chaos Mesh removes the fault even if this run dies";
            default -> "kind " + what + " is not supported: ";
        };
        assertTrue(validate.out().contains(reason), validate::toString);
        assertFalse(validate.all().contains("\tat ") || validate.all().contains("Exception"), () -> "plain message\n" + validate);

        CliRun run = cli("run", file.toString(), "--kubeconfig", kubeconfig.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.all().contains(what), run::toString);
        assertEquals(0, allChaosResources(cluster.client()).size());
    }

    private static void appliedUnchanged(Path file, JsonNode doc) throws Exception {
        CliRun validate = cli("validate", file.toString());
        assertEquals(0, validate.exit(), validate::toString);

        String kind = doc.path("kind").asText();
        String name = doc.path("metadata").path("name").asText();
        String namespace = doc.path("metadata").path("namespace").asText("default");
        GenericKubernetesResource asFiled = Serialization.jsonMapper().convertValue(doc, GenericKubernetesResource.class);
        asFiled.getMetadata().setNamespace(namespace);
        Set<String> namespaces = Guardrails.targetNamespaces(asFiled);

        // The CLI's server-side dry run: accepted, printed, nothing stored.
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--dry-run", "--kubeconfig", kubeconfig.toString()));
        namespaces.forEach(ns -> args.addAll(List.of("--allow-namespace", ns)));
        CliRun dryRun = cli(args.toArray(String[]::new));
        assertEquals(0, dryRun.exit(), dryRun::toString);
        assertTrue(dryRun.out().contains("would apply " + kind + " " + namespace + "/" + name), dryRun::toString);
        assertEquals(0, allChaosResources(cluster.client()).size(), "a dry run stores nothing");

        // The real apply, through the injector, with the namespaces allowed as --allow-namespace would.
        LoadResult loaded = ExperimentFiles.load(file, new PlanLimits(null, List.copyOf(namespaces)));
        assertTrue(loaded.ok(), loaded::describeErrors);
        ExperimentPlan experiment = loaded.plan();
        FaultInjector injector = new FaultInjector(cluster.client(), RunListener.silent(), RunOptions.defaults()
                .withPollInterval(Duration.ofMillis(50)));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread injecting = new Thread(() -> {
            try {
                outcome.set(injector.inject(experiment));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "inject " + file.getFileName());
        injecting.start();
        KubernetesClient client = cluster.client();
        var resource = ChaosResources.of(client, doc.path("apiVersion").asText(), kind).inNamespace(namespace).withName(name);
        try {
            assertTrue(await(() -> resource.get() != null, Duration.ofSeconds(20)), () -> "created: " + outcome.get());
            GenericKubernetesResource live = resource.get();
            @SuppressWarnings("unchecked")
            Map<String, Object> expectedSpec = YAML.convertValue(doc.path("spec"), LinkedHashMap.class);
            assertEquals(expectedSpec, live.getAdditionalProperties().get("spec"), "spec unchanged");
            assertEquals(ChaosLabels.MANAGED_BY_VALUE, live.getMetadata().getLabels().get(ChaosLabels.MANAGED_BY));
            assertNotNull(live.getMetadata().getAnnotations().get(ChaosLabels.EXPIRES_AT));
            assertEquals(1, allChaosResources(client).size(), () -> "exactly that resource: " + names(allChaosResources(client)));
        } finally {
            injecting.interrupt();
            injecting.join(30_000);
        }
        assertFalse(injecting.isAlive());
        if (outcome.get() instanceof InjectedFaults injected) {
            // Schedule and Workflow report no injection conditions: the injector is done once they exist.
            assertFalse(ChaosKinds.known(kind).orElseThrow().observedByConditions(), kind);
            assertTrue(injector.recover(injected.resources()).stream().allMatch(RecoveryOutcome::recovered));
        } else {
            assertTrue(outcome.get() instanceof InterruptedException, () -> chain(outcome.get()));
        }
        assertEquals(0, allChaosResources(client).size(), () -> "removed again: " + names(allChaosResources(client)));
    }

    private static String chain(Object outcome) {
        StringBuilder out = new StringBuilder(String.valueOf(outcome));
        for (Throwable t = outcome instanceof Throwable th ? th.getCause() : null; t != null; t = t.getCause()) {
            out.append("\n  caused by ").append(t);
        }
        return out.toString();
    }

    @TestFactory
    Stream<DynamicTest> corpusCrdsRegisterAndServeTheStatusSubresource() throws Exception {
        ChaosTestSupport.requireCorpus();
        List<Path> crds;
        try (Stream<Path> files = Files.list(CORPUS.orElseThrow().resolve("crd"))) {
            crds = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(crds.isEmpty());
        return crds.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            try (PlaygroundCluster fresh = PlaygroundCluster.start(List.of(), ChaosEffects.none(), Duration.ZERO, false)) {
                fresh.simulator().setResponsive(false);
                statusOnlyThroughSubresource(fresh.client(), file);
            }
        }));
    }

    /**
     * The real Chaos Mesh CRDs declare the status subresource for Workflow only ({@code subresources: {}} for the
     * chaos kinds), so status handling is checked against what each CRD declares, as a real API server would do it:
     * with the subresource, status is written only through /status and ignored elsewhere; without it, status is an
     * ordinary part of the resource and /status does not exist.
     */
    private static void statusOnlyThroughSubresource(KubernetesClient client, Path file) throws Exception {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
        var crds = client.apiextensions().v1().customResourceDefinitions();
        // The playground starts with minimal CRDs of the same names; the real ones replace them.
        crds.withName(crd.getMetadata().getName()).delete();
        assertTrue(await(() -> crds.withName(crd.getMetadata().getName()).get() == null, Duration.ofSeconds(5)));
        crds.resource(crd).create();
        CustomResourceDefinition registered = crds.withName(crd.getMetadata().getName()).get();
        CustomResourceDefinitionVersion version = registered.getSpec().getVersions().stream()
                .filter(CustomResourceDefinitionVersion::getStorage).findFirst().orElseThrow();
        assertTrue(version.getSchema().getOpenAPIV3Schema().getProperties().containsKey("spec"), "the real schema is kept");
        boolean statusSubresource = version.getSubresources() != null && version.getSubresources().getStatus() != null;
        assertEquals("Workflow".equals(registered.getSpec().getNames().getKind()), statusSubresource,
                "as in Chaos Mesh 2.8: only Workflow declares the status subresource");

        String kind = registered.getSpec().getNames().getKind();
        String apiVersion = registered.getSpec().getGroup() + "/" + version.getName();
        var op = ChaosResources.of(client, apiVersion, kind).inNamespace("demo");
        GenericKubernetesResource resource = Serialization.unmarshal("""
                apiVersion: %s
                kind: %s
                metadata: {name: probe, namespace: demo}
                spec: {mode: one, selector: {namespaces: [demo]}}
                status: {conditions: [{type: AllInjected, status: "True"}]}
                """.formatted(apiVersion, kind), GenericKubernetesResource.class);

        op.resource(resource).create();
        GenericKubernetesResource created = op.withName("probe").get();
        assertNotNull(created, "a " + kind + " can be created");
        assertEquals(!statusSubresource, created.getAdditionalProperties().get("status") != null,
                "create " + (statusSubresource ? "ignores" : "keeps") + " status");

        op.withName("probe").edit(r -> {
            r.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "AllInjected", "status", "False"))));
            return r;
        });
        GenericKubernetesResource afterEdit = op.withName("probe").get();
        if (statusSubresource) {
            assertNull(afterEdit.getAdditionalProperties().get("status"), "an update of the main resource ignores status");
            op.withName("probe").editStatus(r -> {
                r.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "AllInjected", "status", "True"))));
                return r;
            });
            assertTrue(ChaosStatus.condition(op.withName("probe").get(), ChaosStatus.ALL_INJECTED), "/status writes status");
            op.withName("probe").edit(r -> {
                r.setAdditionalProperty("status", Map.of("conditions", List.of(Map.of("type", "AllInjected", "status", "False"))));
                r.setAdditionalProperty("spec", Map.of("mode", "all", "selector", Map.of("namespaces", List.of("demo"))));
                return r;
            });
            GenericKubernetesResource afterSpecEdit = op.withName("probe").get();
            assertEquals("all", SpecMaps.spec(afterSpecEdit).get("mode"), "the spec edit applied");
            assertTrue(ChaosStatus.condition(afterSpecEdit, ChaosStatus.ALL_INJECTED), "status kept through a spec edit");
        } else {
            assertFalse(ChaosStatus.condition(afterEdit, ChaosStatus.ALL_INJECTED), "status is part of the resource");
            assertFalse(ChaosStatus.conditions(afterEdit).isEmpty());
        }
    }
}
