package io.jenkins.plugins.chaos.probe.rbac;

import java.io.Serializable;
import java.util.List;

/**
 * May this service account do this to that resource in that namespace?
 *
 * @param serviceAccountNamespace namespace of the service account asking
 * @param serviceAccountName      name of the service account
 * @param verb                    {@code get}, {@code list}, {@code update}, {@code create}, ...
 * @param resource                plural resource name ({@code secrets}, {@code pods})
 * @param subresource             {@code exec}, {@code log}, ... or empty
 * @param targetNamespace         namespace of the resource
 * @param apiGroup                API group of the resource; {@code ""} is the core group
 * @param resourceName            a specific object, or empty for requests on the collection ({@code list}, {@code create})
 */
public record AccessRequest(String serviceAccountNamespace, String serviceAccountName, String verb, String resource,
                            String subresource, String targetNamespace, String apiGroup, String resourceName)
        implements Serializable {

    public AccessRequest {
        require(serviceAccountNamespace, "serviceAccountNamespace");
        require(serviceAccountName, "serviceAccountName");
        require(verb, "verb");
        require(resource, "resource");
        require(targetNamespace, "targetNamespace");
        subresource = subresource == null ? "" : subresource;
        apiGroup = apiGroup == null ? "" : apiGroup;
        resourceName = resourceName == null ? "" : resourceName;
    }

    /** A request on a core-group resource (secrets, configmaps, pods) without a specific object name. */
    public AccessRequest(String serviceAccountNamespace, String serviceAccountName, String verb, String resource,
                         String subresource, String targetNamespace) {
        this(serviceAccountNamespace, serviceAccountName, verb, resource, subresource, targetNamespace, "", "");
    }

    /** The user name the API server gives the service account's token. */
    public String user() {
        return "system:serviceaccount:" + serviceAccountNamespace + ":" + serviceAccountName;
    }

    /** The groups every service account token carries. */
    public List<String> groups() {
        return List.of("system:serviceaccounts", "system:serviceaccounts:" + serviceAccountNamespace, "system:authenticated");
    }

    /** {@code pods/exec}, or just the resource without a subresource. */
    public String resourcePath() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    /** {@code get secrets}, {@code create pods/exec}: what the check's name shows. */
    public String action() {
        return verb + " " + (apiGroup.isEmpty() ? "" : apiGroup + "/") + resourcePath()
                + (resourceName.isEmpty() ? "" : " " + resourceName);
    }

    public String describe() {
        return user() + " " + action() + " in namespace " + targetNamespace;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AccessRequest " + field + " is required");
        }
    }
}
