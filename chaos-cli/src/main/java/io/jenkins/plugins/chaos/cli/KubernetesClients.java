package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the CLI's Kubernetes client. The kubeconfig's content is a secret: it is read, never printed. */
final class KubernetesClients {

    private KubernetesClients() {
    }

    static KubernetesClient from(Path kubeconfig) {
        if (kubeconfig == null) {
            // KUBECONFIG, ~/.kube/config or the in-cluster service account, as kubectl would.
            return new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
        }
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
        }
    }
}
