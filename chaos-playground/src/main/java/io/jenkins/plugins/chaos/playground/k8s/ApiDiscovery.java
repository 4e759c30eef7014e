package io.jenkins.plugins.chaos.playground.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.mockwebserver.http.MockResponse;
import io.jenkins.plugins.chaos.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API server's discovery documents, which fabric8's mock server does not serve and kubectl needs before it sends
 * anything: {@code /version}, {@code /api}, {@code /api/v1}, {@code /apis} and {@code /apis/<group>/<version>} for the
 * built-in kinds the playground holds and for every registered CRD. {@code /openapi/v2} answers an empty document:
 * kubectl then skips its client-side schema check (the API server's job, and the engine's), as it does for a CRD
 * without a schema; {@code /openapi/v3} is absent, as on servers before 1.24, so kubectl falls back to v2.
 */
final class ApiDiscovery {

    static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    /** group/version to resources (name, kind, namespaced); "" is the core group. */
    private final Map<String, List<Resource>> builtIn = new LinkedHashMap<>();
    private final List<CustomResourceDefinition> crds = new CopyOnWriteArrayList<>();

    private record Resource(String name, String singular, String kind, boolean namespaced, boolean status,
                            List<String> shortNames) {
        Resource(String name, String singular, String kind, boolean namespaced, boolean status) {
            this(name, singular, kind, namespaced, status, List.of());
        }
    }

    ApiDiscovery() {
        builtIn.put("v1", List.of(
                new Resource("namespaces", "namespace", "Namespace", false, true),
                new Resource("pods", "pod", "Pod", true, true),
                new Resource("services", "service", "Service", true, true),
                new Resource("serviceaccounts", "serviceaccount", "ServiceAccount", true, false),
                new Resource("configmaps", "configmap", "ConfigMap", true, false),
                new Resource("secrets", "secret", "Secret", true, false),
                new Resource("events", "event", "Event", true, false),
                new Resource("endpoints", "endpoints", "Endpoints", true, false)));
        builtIn.put("apps/v1", List.of(
                new Resource("deployments", "deployment", "Deployment", true, true),
                new Resource("replicasets", "replicaset", "ReplicaSet", true, true),
                new Resource("statefulsets", "statefulset", "StatefulSet", true, true),
                new Resource("daemonsets", "daemonset", "DaemonSet", true, true)));
        builtIn.put("networking.k8s.io/v1", List.of(
                new Resource("networkpolicies", "networkpolicy", "NetworkPolicy", true, false)));
        builtIn.put("rbac.authorization.k8s.io/v1", List.of(
                new Resource("roles", "role", "Role", true, false),
                new Resource("rolebindings", "rolebinding", "RoleBinding", true, false),
                new Resource("clusterroles", "clusterrole", "ClusterRole", false, false),
                new Resource("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, false)));
        builtIn.put("coordination.k8s.io/v1", List.of(new Resource("leases", "lease", "Lease", true, false)));
        builtIn.put("apiextensions.k8s.io/v1", List.of(new Resource("customresourcedefinitions",
                "customresourcedefinition", "CustomResourceDefinition", false, true, List.of("crd", "crds"))));
    }

    void registered(CustomResourceDefinition crd) {
        crds.add(crd);
    }

    /** The discovery answer for a GET of this path, if it is a discovery path. */
    Optional<MockResponse> answer(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (bare.length() > 1 && bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        if (bare.equals("/version")) {
            ObjectNode version = Json.MAPPER.createObjectNode().put("major", "1").put("minor", "31")
                    .put("gitVersion", "v1.31.0-chaos-playground").put("platform", "linux/amd64");
            return Optional.of(json(version));
        }
        if (bare.equals("/api")) {
            ObjectNode versions = Json.MAPPER.createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", "127.0.0.1");
            return Optional.of(json(versions));
        }
        if (bare.equals("/apis")) {
            return Optional.of(json(groups()));
        }
        if (bare.equals("/openapi/v2")) {
            // An empty protobuf message is an empty, valid OpenAPI v2 document.
            return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", OPENAPI_V2_PROTOBUF)
                    .setBody(new byte[0]));
        }
        if (bare.equals("/openapi/v3") || bare.startsWith("/openapi/v3/")) {
            return Optional.of(new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json")
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"));
        }
        String groupVersion = bare.equals("/api/v1") ? "v1"
                : bare.matches("/apis/[^/]+/[^/]+") ? bare.substring("/apis/".length()) : null;
        if (groupVersion == null) {
            return Optional.empty();
        }
        List<Resource> resources = resources(groupVersion);
        if (resources.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = Json.MAPPER.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode items = list.putArray("resources");
        for (Resource resource : resources) {
            ObjectNode item = items.addObject().put("name", resource.name()).put("singularName", resource.singular())
                    .put("namespaced", resource.namespaced()).put("kind", resource.kind());
            if (!resource.shortNames().isEmpty()) {
                ArrayNode shortNames = item.putArray("shortNames");
                resource.shortNames().forEach(shortNames::add);
            }
            ArrayNode verbs = item.putArray("verbs");
            ALL_VERBS.forEach(verbs::add);
            if (resource.status()) {
                ObjectNode status = items.addObject().put("name", resource.name() + "/status").put("singularName", "")
                        .put("namespaced", resource.namespaced()).put("kind", resource.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return Optional.of(json(list));
    }

    private ObjectNode groups() {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (String groupVersion : builtIn.keySet()) {
            if (groupVersion.contains("/")) {
                String[] parts = groupVersion.split("/", 2);
                versions.computeIfAbsent(parts[0], g -> new ArrayList<>()).add(parts[1]);
            }
        }
        for (CustomResourceDefinition crd : crds) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                List<String> known = versions.computeIfAbsent(crd.getSpec().getGroup(), g -> new ArrayList<>());
                if (Boolean.TRUE.equals(version.getServed()) && !known.contains(version.getName())) {
                    known.add(version.getName());
                }
            }
        }
        ObjectNode list = Json.MAPPER.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        versions.forEach((group, names) -> {
            ObjectNode node = groups.addObject().put("name", group);
            ArrayNode array = node.putArray("versions");
            names.forEach(v -> array.addObject().put("groupVersion", group + "/" + v).put("version", v));
            node.putObject("preferredVersion").put("groupVersion", group + "/" + names.get(0)).put("version", names.get(0));
        });
        return list;
    }

    private List<Resource> resources(String groupVersion) {
        List<Resource> out = new ArrayList<>(builtIn.getOrDefault(groupVersion, List.of()));
        for (CustomResourceDefinition crd : crds) {
            for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
                if ((crd.getSpec().getGroup() + "/" + version.getName()).equals(groupVersion)) {
                    out.add(new Resource(crd.getSpec().getNames().getPlural(), crd.getSpec().getNames().getSingular(),
                            crd.getSpec().getNames().getKind(), "Namespaced".equals(crd.getSpec().getScope()),
                            version.getSubresources() != null && version.getSubresources().getStatus() != null,
                            crd.getSpec().getNames().getShortNames() == null ? List.of()
                                    : crd.getSpec().getNames().getShortNames()));
                }
            }
        }
        return out;
    }

    private static MockResponse json(ObjectNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }
}
