package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.plan.Guardrails;
import io.jenkins.plugins.chaos.plan.PlannedFault;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guardrail that needs the cluster: every namespace a fault can reach must be allowed, by the allow-list or by
 * the namespace's own {@code chaos-mesh.org/inject=enabled} annotation (the namespace owner's consent). It only
 * reads; it runs before anything is applied.
 */
public final class NamespaceGuard {

    private NamespaceGuard() {
    }

    public static List<ValidationError> check(KubernetesClient client, List<PlannedFault> faults,
                                              Collection<String> allowList) {
        return check(client, faults, allowList, false);
    }

    /** @param binding the allow-list is an administrator's ceiling: the namespace annotation does not widen it */
    public static List<ValidationError> check(KubernetesClient client, List<PlannedFault> faults,
                                              Collection<String> allowList, boolean binding) {
        List<ValidationError> errors = new ArrayList<>();
        Map<String, String> verdicts = new HashMap<>();
        for (PlannedFault fault : faults) {
            Set<String> namespaces = Guardrails.targetNamespaces(fault.resource());
            for (String namespace : namespaces) {
                String problem = verdicts.computeIfAbsent(namespace, ns -> problemWith(client, ns, allowList, binding));
                if (!problem.isEmpty()) {
                    errors.add(new ValidationError(fault.origin(), problem));
                }
            }
        }
        return errors;
    }

    private static String problemWith(KubernetesClient client, String namespace, Collection<String> allowList,
                                      boolean binding) {
        if (Guardrails.PROTECTED_NAMESPACES.contains(namespace)) {
            return "namespace '" + namespace + "' is protected and never a chaos target";
        }
        if (allowList.contains(namespace)) {
            return "";
        }
        if (binding) {
            return "namespace '" + namespace + "' is outside the administrator's allowed namespaces " + allowList
                    + " (global configuration); its own annotation does not widen that list";
        }
        Namespace found;
        try {
            found = client.namespaces().withName(namespace).get();
        } catch (KubernetesClientException e) {
            return "cannot read namespace '" + namespace + "' to check that it allows chaos (HTTP " + e.getCode()
                    + "); add it to allowedNamespaces instead";
        }
        if (found == null) {
            return "namespace '" + namespace + "' does not exist";
        }
        Map<String, String> annotations = found.getMetadata().getAnnotations();
        if (annotations != null && "enabled".equals(annotations.get(Guardrails.INJECT_ANNOTATION))) {
            return "";
        }
        return "namespace '" + namespace + "' is not allowed: add it to allowedNamespaces "
                + (allowList.isEmpty() ? "(empty)" : allowList.toString()) + " or annotate it "
                + Guardrails.INJECT_ANNOTATION + "=enabled";
    }
}
