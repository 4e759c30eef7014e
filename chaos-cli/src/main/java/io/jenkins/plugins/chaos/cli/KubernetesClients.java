package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.chaos.plan.YamlInput;
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
        String text;
        try {
            text = YamlInput.read(kubeconfig, "kubeconfig");
            // parsed here first: YamlInput says where the YAML breaks without quoting the line (it may be the token)
            YamlInput.document(text, "kubeconfig " + kubeconfig);
        } catch (YamlInput.Refused e) {
            throw new KubeconfigException(e.getMessage() + "; its content is not shown, it holds credentials");
        }
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(text)).build();
        } catch (RuntimeException e) {
            // The parser's message quotes the offending line, which may be the bearer token: only say where it broke.
            throw new KubeconfigException("kubeconfig " + kubeconfig + " is not a usable kubeconfig"
                    + KubeconfigException.where(e) + "; its content is not shown, it holds credentials");
        }
    }
}
