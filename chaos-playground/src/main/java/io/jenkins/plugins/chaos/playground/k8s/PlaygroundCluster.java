package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.chaos.plan.Guardrails;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-process Kubernetes API on 127.0.0.1 (fabric8's mock server in CRUD mode) seeded as a small multi-tenant
 * inference platform: one namespace per tenant with its app, NetworkPolicies and RBAC, an {@code inference} namespace
 * with the gateway and two provider deployments, the Chaos Mesh CRDs, and the Chaos Mesh simulator.
 */
public final class PlaygroundCluster implements AutoCloseable {

    public static final String INFERENCE_NAMESPACE = "inference";
    public static final List<String> DEFAULT_TENANTS = List.of("alice", "bob", "carol");
    public static final int TENANT_API_PORT = 8080;
    /** How long the simulated controller takes to inject, as a real one does. */
    public static final Duration DEFAULT_INJECTION_DELAY = Duration.ofMillis(300);

    /** The mock server logs every request at INFO through JUL; held strongly, or JUL forgets the level. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ChaosMeshSimulator simulator;
    private final ProbePodSimulator probePods;
    private final List<String> tenants;
    private final PlaygroundDispatcher dispatcher;

    private PlaygroundCluster(KubernetesMockServer server, PlaygroundDispatcher dispatcher, KubernetesClient client,
                              ChaosMeshSimulator simulator, ProbePodSimulator probePods, List<String> tenants) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.client = client;
        this.simulator = simulator;
        this.probePods = probePods;
        this.tenants = tenants;
    }

    public static PlaygroundCluster start(List<String> tenants, ChaosEffects effects) {
        return start(tenants, effects, DEFAULT_INJECTION_DELAY, true);
    }

    /**
     * @param injectionDelay how long the simulated controller takes to inject, as a real one does
     * @param seed false: an empty cluster with only the CRDs (for tests that bring their own objects)
     */
    public static PlaygroundCluster start(List<String> tenants, ChaosEffects effects, Duration injectionDelay, boolean seed) {
        return start(tenants, effects, injectionDelay, seed, null);
    }

    /**
     * @param crdDir null: the built-in minimal CRDs; otherwise the CRDs in this directory (Chaos Mesh's
     *               {@code config/crd/bases}), with the minimal ones only for the kinds it lacks
     */
    public static PlaygroundCluster start(List<String> tenants, ChaosEffects effects, Duration injectionDelay, boolean seed,
                                          Path crdDir) {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        PlaygroundDispatcher dispatcher = new PlaygroundDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        ChaosMeshCrds.register(client, crdDir, dispatcher.discovery());
        ChaosMeshSimulator simulator = new ChaosMeshSimulator(client, effects, injectionDelay, Duration.ofSeconds(2));
        dispatcher.onChange(simulator::changed);
        ProbePodSimulator probePods = new ProbePodSimulator(client, ProbePodSimulator.DEFAULT_ANSWER_DELAY);
        dispatcher.onChange(probePods::changed);
        PlaygroundCluster cluster = new PlaygroundCluster(server, dispatcher, client, simulator, probePods, List.copyOf(tenants));
        if (seed) {
            cluster.seed();
        }
        return cluster;
    }

    public static String tenantNamespace(String tenant) {
        return "tenant-" + tenant;
    }

    public KubernetesClient client() {
        return client;
    }

    /** Every create's answer comes this long after the object is stored (zero: at once); see the dispatcher. */
    public void setCreateLatency(Duration latency) {
        dispatcher.setCreateLatency(latency);
    }

    public ChaosMeshSimulator simulator() {
        return simulator;
    }

    public ProbePodSimulator probePods() {
        return probePods;
    }

    public List<String> tenants() {
        return tenants;
    }

    /** The API server's URL (plain HTTP on 127.0.0.1). */
    public String url() {
        // fabric8 names the loopback "localhost"; tools get the address itself, so nothing depends on a resolver.
        return client.getConfiguration().getMasterUrl().replace("://localhost:", "://127.0.0.1:");
    }

    /** A kubeconfig for this API server, so that a separate process (the CLI, a Jenkins agent) can reach it. */
    public Path writeKubeconfig(Path file) throws IOException {
        String kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: playground
                  cluster:
                    server: %s
                contexts:
                - name: playground
                  context:
                    cluster: playground
                    user: playground
                    namespace: default
                current-context: playground
                users:
                - name: playground
                  user:
                    token: playground
                """.formatted(url());
        Files.writeString(file, kubeconfig);
        return file;
    }

    /** A client configured for this server; the caller closes it. */
    public Config config() {
        return client.getConfiguration();
    }

    private void seed() {
        namespace("default", false);
        namespace(INFERENCE_NAMESPACE, true);
        pod(INFERENCE_NAMESPACE, "gateway-0", Map.of("app", "gateway"), 8443);
        pod(INFERENCE_NAMESPACE, "provider-primary-0", Map.of("app", "provider", "provider", "primary"), 9000);
        pod(INFERENCE_NAMESPACE, "provider-primary-1", Map.of("app", "provider", "provider", "primary"), 9000);
        pod(INFERENCE_NAMESPACE, "provider-secondary-0", Map.of("app", "provider", "provider", "secondary"), 9000);
        for (String tenant : tenants) {
            String ns = tenantNamespace(tenant);
            namespace(ns, true);
            pod(ns, "tenant-api-0", Map.of("app", "tenant-api", "tenant", tenant), TENANT_API_PORT);
            client.services().inNamespace(ns).resource(new ServiceBuilder()
                    .withNewMetadata().withName("tenant-api").withNamespace(ns).endMetadata()
                    .withNewSpec().addToSelector("app", "tenant-api").addNewPort().withPort(TENANT_API_PORT)
                    .withProtocol("TCP").endPort().endSpec().build()).create();
            isolationPolicies(ns);
            rbac(ns);
        }
    }

    private void namespace(String name, boolean chaosAllowed) {
        NamespaceBuilder builder = new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/metadata.name", name).endMetadata();
        if (chaosAllowed) {
            builder.editMetadata().addToAnnotations(Guardrails.INJECT_ANNOTATION, "enabled").endMetadata();
        }
        client.namespaces().resource(builder.build()).create();
    }

    private void pod(String namespace, String name, Map<String, String> labels, int port) {
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("playground/" + labels.get("app") + ":1")
                .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(port).withProtocol("TCP").build())
                // limits, so that the resource-usage probe has something to compare metrics-server's numbers with
                .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("cpu", new Quantity("500m")).addToLimits("memory", new Quantity("256Mi")).endResources()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus()
                .build()).create();
    }

    /** Default deny, then the two flows a tenant needs: its own pods, and the gateway. */
    private void isolationPolicies(String ns) {
        client.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("default-deny-all").withNamespace(ns).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress", "Egress").endSpec()
                .build()).create();
        client.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-same-namespace").withNamespace(ns).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector()
                .addNewIngress().addNewFrom().withNewPodSelector().endPodSelector().endFrom().endIngress()
                .addNewEgress().addNewTo().withNewPodSelector().endPodSelector().endTo().endEgress()
                .withPolicyTypes("Ingress", "Egress").endSpec().build()).create();
        client.network().v1().networkPolicies().inNamespace(ns).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-from-gateway").withNamespace(ns).endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("app", "tenant-api").endPodSelector()
                .addNewIngress().addNewFrom()
                .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", INFERENCE_NAMESPACE).endNamespaceSelector()
                .withNewPodSelector().addToMatchLabels("app", "gateway").endPodSelector()
                .endFrom().addNewPort().withProtocol("TCP").withNewPort(TENANT_API_PORT).endPort().endIngress()
                .withPolicyTypes("Ingress").endSpec().build()).create();
    }

    private void rbac(String ns) {
        client.serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder()
                .withNewMetadata().withName("tenant-app").withNamespace(ns).endMetadata().build()).create();
        client.rbac().roles().inNamespace(ns).resource(new RoleBuilder()
                .withNewMetadata().withName("tenant-app").withNamespace(ns).endMetadata()
                .addNewRule().withApiGroups("").withResources("configmaps", "secrets").withVerbs("get", "list").endRule()
                .build()).create();
        client.rbac().roleBindings().inNamespace(ns).resource(new RoleBindingBuilder()
                .withNewMetadata().withName("tenant-app").withNamespace(ns).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("tenant-app").endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName("tenant-app").withNamespace(ns).endSubject()
                .build()).create();
    }

    @Override
    public void close() {
        simulator.close();
        probePods.close();
        client.close();
        server.destroy();
    }
}
