package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.probe.network.ProbePods;
import io.jenkins.plugins.chaos.probe.network.ProbeTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicConnectivityConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void bindsFromYamlWithDefaultsForWhatIsMissing() throws Exception {
        DynamicConnectivityConfig config = YAML.readValue("""
                namespaces: [tenant-alice, tenant-bob]
                ports: [8080]
                podTimeout: 2m
                """, DynamicConnectivityConfig.class);

        assertEquals(List.of(), config.validate());
        assertEquals(List.of("tenant-alice", "tenant-bob"), config.namespaces());
        assertTrue(config.allServices());
        assertEquals("busybox:1.36", config.image());
        assertEquals(Duration.ofSeconds(3), config.connectTimeoutDuration());
        assertEquals(Duration.ofMinutes(2), config.podTimeoutDuration());
        assertEquals(4, config.concurrency());
        // and back: what the plugin ships to an agent reads the same
        assertEquals(config, YAML.readValue(YAML.writeValueAsString(config), DynamicConnectivityConfig.class));
    }

    @Test
    void isJavaSerializableForTheAgentChannel() throws Exception {
        DynamicConnectivityConfig config = new DynamicConnectivityConfig(List.of("a", "b"), List.of("api"), List.of(80),
                null, null, null, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(config, in.readObject());
        }
    }

    @Test
    void reportsEveryProblemNamingItsField() {
        DynamicConnectivityConfig config = new DynamicConnectivityConfig(Arrays.asList("Tenant_A", "b", "b", null),
                List.of("api", "api"), Arrays.asList(0, 70000, null), "busy box", "1500ms", "2s", 33);

        List<String> errors = config.validate();

        assertTrue(errors.contains("namespaces: 'Tenant_A' is not a namespace name; use lower-case letters, digits and '-' (at most 63)"), errors.toString());
        assertTrue(errors.contains("namespaces: 'b' is listed twice"), errors.toString());
        assertTrue(errors.contains("namespaces: 'null' is not a namespace name; use lower-case letters, digits and '-' (at most 63)"), errors.toString());
        assertTrue(errors.contains("namespaces: at least two tenant namespaces are needed to check isolation, got 4"), errors.toString());
        assertTrue(errors.contains("services: 'api' is listed twice"), errors.toString());
        assertTrue(errors.contains("ports: 0 is not a port; allowed 1..65535"), errors.toString());
        assertTrue(errors.contains("ports: 70000 is not a port; allowed 1..65535"), errors.toString());
        assertTrue(errors.contains("ports: null is not a port; allowed 1..65535"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("image: 'busy box' is not an image reference")), errors.toString());
        assertTrue(errors.contains("connectTimeout: '1500ms' must be whole seconds (nc -w takes seconds), e.g. 3s"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("podTimeout: '2s' must be longer than connectTimeout")), errors.toString());
        assertTrue(errors.contains("concurrency: 33 must be between 1 and 32"), errors.toString());
        assertEquals(12, errors.size(), errors.toString());
    }

    @Test
    void refusesDurationsThatAreNotGoDurations() {
        List<String> errors = new DynamicConnectivityConfig(List.of("a", "b"), null, null, null, "3 seconds", "0s", null).validate();

        assertTrue(errors.stream().anyMatch(e -> e.startsWith("connectTimeout: '3 seconds' is not a positive duration; use 30s")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("podTimeout: '0s' is not a positive duration")), errors.toString());
    }

    @Test
    void theProbePodSaysWhatItTriesAndRunsRestricted() {
        ProbeTarget target = new ProbeTarget("tenant-bob", "tenant-api", 8080);
        Pod pod = ProbePods.build("netprobe-r1-0", "tenant-alice", target, "r1", "busybox:1.36",
                Duration.ofSeconds(3), Duration.ofSeconds(60));

        assertEquals(List.of("nc", "-z", "-w", "3", "tenant-api.tenant-bob.svc.cluster.local", "8080"),
                pod.getSpec().getContainers().get(0).getCommand());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        assertEquals(60L, pod.getSpec().getActiveDeadlineSeconds());
        assertEquals("chaos-engineering", pod.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
        assertEquals("connectivity", pod.getMetadata().getLabels().get("chaos-engineering/probe"));
        assertEquals("r1", pod.getMetadata().getLabels().get("chaos-engineering/run-id"));
        assertEquals("tenant-alice", pod.getMetadata().getAnnotations().get(ProbePods.SOURCE_NAMESPACE));
        assertEquals(target, ProbePods.target(pod).orElseThrow());
        assertEquals(true, pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals(false, pod.getSpec().getAutomountServiceAccountToken());
    }
}
