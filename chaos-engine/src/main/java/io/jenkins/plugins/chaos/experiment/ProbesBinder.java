package io.jenkins.plugins.chaos.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Binds {@code probes:}; the keys are the arguments of the tenantIsolationProbe and providerFailoverProbe steps. */
final class ProbesBinder {

    static final List<String> PROBE_KEYS = List.of("tenantIsolation", "providerFailover", "blastRadius", "dataIntegrity",
            "resourceUsage");
    static final List<String> RESOURCE_USAGE_KEYS = List.of("namespaces", "thresholdPercent", "window", "interval");
    static final List<String> DATA_INTEGRITY_KEYS = List.of("gateway", "tenants", "write", "read", "delete", "body",
            "contentField", "records", "readsDuringFault", "timeout");
    static final List<String> BLAST_RADIUS_KEYS = List.of("gateway", "fault", "endpoint", "tenants", "requestsPerSecond",
            "duration", "timeout", "gracefulStatuses", "thresholds");
    static final List<String> BLAST_RADIUS_THRESHOLD_KEYS = List.of("successRatePercent", "latency");
    static final List<String> ISOLATION_KEYS = List.of("phases", "gateway", "tenants", "endpoints", "deniedStatuses",
            "concurrency", "timeout", "network", "rbac", "probePods", "ports", "probeImage", "maxRequestsPerSecond", "pairs");
    static final List<String> PAIRS_KEYS = List.of("perRun", "coverWithin");
    static final List<String> TENANT_KEYS = List.of("name", "namespace", "token");
    static final List<String> FAILOVER_KEYS = List.of("gateway", "method", "path", "body", "tenant", "token",
            "requestsPerSecond", "duration", "timeout", "primary", "secondary", "providerHeader", "providerField",
            "gracefulStatuses", "thresholds", "maxRequestsPerSecond", "expect");
    static final List<String> THRESHOLD_KEYS = List.of("failover", "latency", "errorRatePercent");

    private final TreeReader reader;

    ProbesBinder(TreeReader reader) {
        this.reader = reader;
    }

    ProbesSpec bind(JsonNode root) {
        JsonNode probes = reader.object(root, "probes", "");
        if (probes == null) {
            return ProbesSpec.none();
        }
        reader.rejectUnknownKeys(probes, PROBE_KEYS, "probes");
        JsonNode isolation = reader.object(probes, "tenantIsolation", "probes");
        JsonNode failover = reader.object(probes, "providerFailover", "probes");
        JsonNode blastRadius = reader.object(probes, "blastRadius", "probes");
        JsonNode dataIntegrity = reader.object(probes, "dataIntegrity", "probes");
        JsonNode resourceUsage = reader.object(probes, "resourceUsage", "probes");
        return new ProbesSpec(isolation == null ? null : isolation(isolation, "probes.tenantIsolation"),
                failover == null ? null : failover(failover, "probes.providerFailover"),
                blastRadius == null ? null : blastRadius(blastRadius, "probes.blastRadius"),
                dataIntegrity == null ? null : dataIntegrity(dataIntegrity, "probes.dataIntegrity"),
                resourceUsage == null ? null : resourceUsage(resourceUsage, "probes.resourceUsage"));
    }

    private ResourceUsageSpec resourceUsage(JsonNode node, String path) {
        reader.rejectUnknownKeys(node, RESOURCE_USAGE_KEYS, path);
        return new ResourceUsageSpec(reader.textList(node, "namespaces", path), reader.decimal(node, "thresholdPercent", path),
                reader.text(node, "window", path), reader.text(node, "interval", path));
    }

    private DataIntegritySpec dataIntegrity(JsonNode node, String path) {
        reader.rejectUnknownKeys(node, DATA_INTEGRITY_KEYS, path);
        return new DataIntegritySpec(reader.text(node, "gateway", path),
                tenants(node.get("tenants"), TreeReader.child(path, "tenants")), reader.text(node, "write", path),
                reader.text(node, "read", path), reader.text(node, "delete", path), reader.text(node, "body", path),
                reader.text(node, "contentField", path), reader.integer(node, "records", path),
                reader.integer(node, "readsDuringFault", path), reader.text(node, "timeout", path));
    }

    private BlastRadiusSpec blastRadius(JsonNode node, String path) {
        reader.rejectUnknownKeys(node, BLAST_RADIUS_KEYS, path);
        JsonNode thresholds = reader.object(node, "thresholds", path);
        String thresholdsPath = TreeReader.child(path, "thresholds");
        if (thresholds != null) {
            reader.rejectUnknownKeys(thresholds, BLAST_RADIUS_THRESHOLD_KEYS, thresholdsPath);
        }
        RequestTemplate endpoint = null;
        String line = reader.text(node, "endpoint", path);
        if (line != null) {
            try {
                endpoint = RequestTemplate.parse(line);
            } catch (IllegalArgumentException e) {
                reader.error(TreeReader.child(path, "endpoint"), e.getMessage());
            }
        }
        return new BlastRadiusSpec(reader.text(node, "gateway", path), reader.text(node, "fault", path), endpoint,
                tenants(node.get("tenants"), TreeReader.child(path, "tenants")),
                reader.decimal(node, "requestsPerSecond", path), reader.text(node, "duration", path),
                reader.text(node, "timeout", path), reader.integerList(node, "gracefulStatuses", path),
                thresholds == null ? null : reader.decimal(thresholds, "successRatePercent", thresholdsPath),
                thresholds == null ? null : reader.text(thresholds, "latency", thresholdsPath));
    }

    private TenantIsolationSpec isolation(JsonNode node, String path) {
        reader.rejectUnknownKeys(node, ISOLATION_KEYS, path);
        Boolean network = reader.bool(node, "network", path);
        Boolean rbac = reader.bool(node, "rbac", path);
        Boolean probePods = reader.bool(node, "probePods", path);
        return new TenantIsolationSpec(reader.textList(node, "phases", path), reader.text(node, "gateway", path),
                tenants(node.get("tenants"), TreeReader.child(path, "tenants")), endpoints(node, path),
                reader.integerList(node, "deniedStatuses", path), reader.integer(node, "concurrency", path),
                reader.text(node, "timeout", path), network == null || network, rbac == null || rbac,
                probePods != null && probePods, reader.integerList(node, "ports", path),
                reader.text(node, "probeImage", path), reader.decimal(node, "maxRequestsPerSecond", path),
                pairs(node.get("pairs"), TreeReader.child(path, "pairs")));
    }

    /** {@code pairs: all} or {@code pairs: {perRun: N, coverWithin: 24h}}; the values are validated by the planner. */
    private PairsSpec pairs(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return PairsSpec.ALL;
        }
        if (node.isTextual() && node.asText().equals("all")) {
            return PairsSpec.ALL;
        }
        if (!node.isObject()) {
            reader.error(path, "must be 'all' or a map {perRun: N, coverWithin: 24h}, not " + TreeReader.describe(node));
            return PairsSpec.ALL;
        }
        reader.rejectUnknownKeys(node, PAIRS_KEYS, path);
        Integer perRun = reader.integer(node, "perRun", path);
        String within = reader.text(node, "coverWithin", path);
        if (perRun == null) {
            reader.error(TreeReader.child(path, "perRun"), "is required: cross-tenant calls per run, e.g. 2000");
        }
        if (within == null) {
            reader.error(TreeReader.child(path, "coverWithin"), "is required: the window every pair is tested in, e.g. 24h");
        }
        return perRun == null || within == null ? PairsSpec.ALL : new PairsSpec(perRun, within);
    }

    /** Endpoints as {@code "GET /path"} lines or {method, path, body} maps. */
    private List<RequestTemplate> endpoints(JsonNode node, String path) {
        JsonNode endpoints = node.get("endpoints");
        List<RequestTemplate> out = new ArrayList<>();
        if (endpoints == null || endpoints.isNull()) {
            return out;
        }
        if (!endpoints.isArray()) {
            reader.error(TreeReader.child(path, "endpoints"), "must be a list such as ['GET /v1/tenants/{tenant}/files']");
            return out;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode item = endpoints.get(i);
            String where = TreeReader.index(TreeReader.child(path, "endpoints"), i);
            try {
                if (item.isTextual()) {
                    out.add(RequestTemplate.parse(item.asText()));
                } else if (item.isObject()) {
                    reader.rejectUnknownKeys(item, List.of("method", "path", "body"), where);
                    String method = reader.text(item, "method", where);
                    out.add(new RequestTemplate(method == null ? "GET" : method, reader.text(item, "path", where),
                            reader.text(item, "body", where)));
                } else {
                    reader.error(where, "must be 'METHOD /path' or a map with method, path, body");
                }
            } catch (IllegalArgumentException e) {
                reader.error(where, e.getMessage());
            }
        }
        return out;
    }

    private List<TenantSpec> tenants(JsonNode node, String path) {
        List<TenantSpec> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            reader.error(path, "must be a list of tenants ({name, namespace, token}), not " + TreeReader.describe(node));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = TreeReader.index(path, i);
            if (item.isTextual()) {
                out.add(new TenantSpec(item.asText(), null, null));
                continue;
            }
            if (!item.isObject()) {
                reader.error(where, "a tenant is a map with name, namespace and token");
                continue;
            }
            reader.rejectUnknownKeys(item, TENANT_KEYS, where);
            out.add(new TenantSpec(reader.text(item, "name", where), reader.text(item, "namespace", where),
                    reader.text(item, "token", where)));
        }
        return out;
    }

    private ProviderFailoverSpec failover(JsonNode node, String path) {
        reader.rejectUnknownKeys(node, FAILOVER_KEYS, path);
        JsonNode thresholds = reader.object(node, "thresholds", path);
        String thresholdsPath = TreeReader.child(path, "thresholds");
        if (thresholds != null) {
            reader.rejectUnknownKeys(thresholds, THRESHOLD_KEYS, thresholdsPath);
        }
        return new ProviderFailoverSpec(reader.text(node, "gateway", path), reader.text(node, "method", path),
                reader.text(node, "path", path), reader.text(node, "body", path), reader.text(node, "tenant", path),
                reader.text(node, "token", path), reader.decimal(node, "requestsPerSecond", path),
                reader.text(node, "duration", path), reader.text(node, "timeout", path), reader.text(node, "primary", path),
                reader.text(node, "secondary", path), reader.text(node, "providerHeader", path),
                reader.text(node, "providerField", path), reader.integerList(node, "gracefulStatuses", path),
                thresholds == null ? null : reader.text(thresholds, "failover", thresholdsPath),
                thresholds == null ? null : reader.text(thresholds, "latency", thresholdsPath),
                thresholds == null ? null : reader.decimal(thresholds, "errorRatePercent", thresholdsPath),
                reader.decimal(node, "maxRequestsPerSecond", path), reader.text(node, "expect", path));
    }
}
