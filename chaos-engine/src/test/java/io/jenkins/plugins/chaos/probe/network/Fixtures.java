package io.jenkins.plugins.chaos.probe.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the fabric8 objects the tests feed the evaluator, policies from the YAML a user would apply. */
final class Fixtures {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() {
    }

    static NetworkPolicy policy(String yaml) {
        try {
            return YAML.readValue(yaml, NetworkPolicy.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Namespace namespace(String name, String... labels) {
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(map(labels)).endMetadata().build();
    }

    static Pod pod(String namespace, String name, String ip, String... labels) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(map(labels)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("example/app").endContainer().endSpec()
                .withNewStatus().withPodIP(ip).endStatus().build();
    }

    /** A pod whose container declares {@code name:number/protocol} ports, e.g. {@code http:8080/TCP}. */
    static Pod podWithPorts(String namespace, String name, Map<String, String> labels, String... ports) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withLabels(labels).endMetadata();
        var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("app").withImage("example/app");
        for (String port : ports) {
            String[] nameRest = port.split(":");
            String[] numberProtocol = nameRest[1].split("/");
            container.addToPorts(new ContainerPortBuilder().withName(nameRest[0])
                    .withContainerPort(Integer.parseInt(numberProtocol[0])).withProtocol(numberProtocol[1]).build());
        }
        return builder.withNewSpec().withContainers(container.build()).endSpec().build();
    }

    static Map<String, String> map(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String keyValue : keyValues) {
            String[] parts = keyValue.split("=", 2);
            map.put(parts[0], parts[1]);
        }
        return map;
    }
}
