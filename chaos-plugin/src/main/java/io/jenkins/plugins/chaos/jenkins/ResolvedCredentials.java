package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Secrets a step resolved from credentials on the controller. Never persisted in the step execution (that would
 * write them into the build's program state on disk); toString says nothing about the values.
 *
 * @param kubeconfig kubeconfig file content, or null to let the client configure itself on the agent
 * @param strings    credential id to secret text (tenant and gateway tokens)
 */
public record ResolvedCredentials(String kubeconfig, Map<String, String> strings) implements Serializable {

    public ResolvedCredentials {
        strings = strings == null ? Map.of() : Map.copyOf(strings);
    }

    public SecretRedactor redactor() {
        List<String> all = new ArrayList<>(strings.values());
        if (kubeconfig != null) {
            all.add(kubeconfig);
        }
        return new SecretRedactor(all);
    }

    @Override
    public String toString() {
        return "ResolvedCredentials[kubeconfig=" + (kubeconfig == null ? "none" : "****") + ", strings=" + strings.keySet() + "]";
    }
}
