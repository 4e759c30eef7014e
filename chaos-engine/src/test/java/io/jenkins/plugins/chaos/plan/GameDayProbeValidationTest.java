package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The game days' probe sections: bad input names the field and what is allowed, and never quotes a token. */
class GameDayProbeValidationTest {

    private static final String PARTITION = """
            name: half
            faults:
              - name: half-tenants
                kind: NetworkChaos
                action: partition
                duration: 30s
                mode: fixed-percent
                value: "50"
                selector: {namespaces: [tenant-alice, tenant-bob], labelSelectors: {app: tenant-api}}
                direction: both
                target: {mode: all, selector: {namespaces: [inference], labelSelectors: {app: gateway}}}
            probes:
            """;

    @Test
    void aGoodBlastRadiusSectionPlans() {
        LoadResult loaded = ExperimentLoader.fromYaml(PARTITION + """
                  blastRadius:
                    gateway: https://gateway.example.com
                    fault: half-tenants
                    tenants:
                      - {name: alice, namespace: tenant-alice, token: env:ALICE}
                      - {name: bob, namespace: tenant-bob, token: env:BOB}
                """, "good.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        assertEquals("half-tenants", loaded.plan().blastRadius().fault());
    }

    @Test
    void everyBlastRadiusProblemNamesItsField() {
        LoadResult loaded = ExperimentLoader.fromYaml(PARTITION + """
                  blastRadius:
                    gateway: ftp://gateway
                    fault: no-such-fault
                    endpoint: GET /v1/models
                    requestsPerSecond: 1000
                    duration: forever
                    gracefulStatuses: [200]
                    thresholds: {successRatePercent: 150, latency: soon, p99: 1s}
                    tenants:
                      - {name: alice, namespace: tenant-alice, token: very-secret-token}
                      - {name: alice, token: very-secret-token}
                """, "bad.yaml");
        assertFalse(loaded.ok());
        List<String> fields = loaded.errors().stream().map(ValidationError::field).toList();
        for (String field : List.of("probes.blastRadius.gateway", "probes.blastRadius.fault", "probes.blastRadius.endpoint",
                "probes.blastRadius.requestsPerSecond", "probes.blastRadius.duration",
                "probes.blastRadius.gracefulStatuses", "probes.blastRadius.thresholds.successRatePercent",
                "probes.blastRadius.thresholds.latency", "probes.blastRadius.thresholds.p99",
                "probes.blastRadius.tenants[1].name", "probes.blastRadius.tenants[1].namespace")) {
            assertTrue(fields.contains(field), field + " missing in " + fields);
        }
        assertTrue(loaded.describeErrors().contains("must name one of the experiment's faults [half-tenants]"),
                loaded::describeErrors);
        assertFalse(loaded.describeErrors().contains("very-secret-token"), loaded::describeErrors);
    }

    @Test
    void everyResourceUsageProblemNamesItsField() {
        LoadResult loaded = ExperimentLoader.fromYaml(PARTITION + """
                  resourceUsage:
                    namespaces: [Inference]
                    thresholdPercent: 185
                    window: 5s
                    interval: 10s
                    peak: true
                """, "bad.yaml");
        assertFalse(loaded.ok());
        List<String> fields = loaded.errors().stream().map(ValidationError::field).toList();
        for (String field : List.of("probes.resourceUsage.namespaces[0]", "probes.resourceUsage.thresholdPercent",
                "probes.resourceUsage.interval", "probes.resourceUsage.peak")) {
            assertTrue(fields.contains(field), field + " missing in " + fields);
        }
    }

    @Test
    void everyDataIntegrityProblemNamesItsField() {
        LoadResult loaded = ExperimentLoader.fromYaml(PARTITION + """
                  dataIntegrity:
                    gateway: gateway
                    read: GET /v1/records
                    write: FETCH /v1/tenants/{tenant}/records/{record}
                    body: '{"content": "fixed"}'
                    records: 0
                    timeout: 2h
                    tenants:
                      - {name: alice, token: secret-canary-token}
                      - {name: alice}
                """, "bad.yaml");
        assertFalse(loaded.ok());
        List<String> fields = loaded.errors().stream().map(ValidationError::field).toList();
        for (String field : List.of("probes.dataIntegrity.gateway", "probes.dataIntegrity.read",
                "probes.dataIntegrity.write", "probes.dataIntegrity.body", "probes.dataIntegrity.records",
                "probes.dataIntegrity.timeout", "probes.dataIntegrity.tenants[1].name",
                "probes.dataIntegrity.tenants[1].token")) {
            assertTrue(fields.contains(field), field + " missing in " + fields);
        }
        assertTrue(loaded.describeErrors().contains("must contain {tenant} and {record}"), loaded::describeErrors);
        assertFalse(loaded.describeErrors().contains("secret-canary-token"), loaded::describeErrors);
    }

    @Test
    void anUnknownFailoverExpectationNamesTheAllowedOnes() {
        LoadResult loaded = ExperimentLoader.fromYaml("""
                name: outage
                probes:
                  providerFailover:
                    gateway: https://gateway.example.com
                    tenant: alice
                    token: env:ALICE
                    expect: miracles
                """, "bad.yaml");
        assertFalse(loaded.ok());
        assertTrue(loaded.describeErrors().contains("probes.providerFailover.expect"), loaded::describeErrors);
        assertTrue(loaded.describeErrors().contains("allowed: failover, graceful-degradation"), loaded::describeErrors);
    }
}
