package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.k8s.CrossTenantGrant;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The runbook's game days as playground scenarios: each has a healthy variant that must pass and a broken one that
 * must fail for the right reason, and an experiment under {@code demo/gameday/} in the CLI jar (the playground twin
 * of the one under {@code examples/chaos/} that the game-day pipeline runs on a real cluster).
 */
enum GameDay {
    TOTAL_OUTAGE("total-outage", "every inference provider down: graceful JSON errors, then service returns",
            GatewayScenario.HEALTHY, GatewayScenario.HTML_ON_OUTAGE,
            "the gateway answers an HTML error page when every provider is down"),
    HALF_PARTITION("half-partition", "half the tenant namespaces (fixed-percent 50, Chaos Mesh's pick) partitioned from "
            + "the gateway: they degrade gracefully, the others keep full service", GatewayScenario.HEALTHY,
            GatewayScenario.SHARED_POOL, "the gateway sends every tenant through one small backend pool, so the "
            + "isolated tenants starve the others") {
        @Override
        List<String> tenants() {
            return List.of("alice", "bob", "carol", "dave");
        }
    },
    DATA_INTEGRITY("data-integrity", "IOChaos corrupts the tenant store's reads: canary records read back with their "
            + "digests, never another tenant's", GatewayScenario.HEALTHY, GatewayScenario.CORRUPTING,
            "the gateway skips the store's checksums and silently serves corrupted records"),
    LATERAL_MOVEMENT("lateral-movement", "tenant tokens replayed across tenants, service accounts and probe pods "
            + "checked for rights over other tenants", GatewayScenario.HEALTHY, GatewayScenario.LEAKY,
            "the gateway serves any tenant's files to any valid token, and a RoleBinding in tenant-bob grants "
                    + "tenant-alice's default service account its secrets") {
        @Override
        void prepare(Playground playground, boolean broken) {
            if (broken) {
                CrossTenantGrant.grantSecrets(playground.cluster().client(), PlaygroundCluster.tenantNamespace("alice"),
                        PlaygroundCluster.tenantNamespace("bob"));
            }
        }
    };

    private final String cliName;
    private final String summary;
    private final GatewayScenario healthyGateway;
    private final GatewayScenario brokenGateway;
    private final String brokenSummary;

    GameDay(String cliName, String summary, GatewayScenario healthyGateway, GatewayScenario brokenGateway,
            String brokenSummary) {
        this.cliName = cliName;
        this.summary = summary;
        this.healthyGateway = healthyGateway;
        this.brokenGateway = brokenGateway;
        this.brokenSummary = brokenSummary;
    }

    String cliName() {
        return cliName;
    }

    String summary() {
        return summary;
    }

    String brokenSummary() {
        return brokenSummary;
    }

    static Optional<GameDay> parse(String name) {
        return Arrays.stream(values()).filter(g -> g.cliName.equals(name)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(GameDay::cliName).toList();
    }

    /** The playground this game day runs on, healthy or with the boundary it tests broken. */
    Playground startPlayground(boolean broken) throws IOException {
        Playground playground = Playground.start(broken ? brokenGateway : healthyGateway, tenants(),
                cliName + (broken ? " (broken)" : ""));
        try {
            prepare(playground, broken);
            return playground;
        } catch (RuntimeException e) {
            playground.close();
            throw e;
        }
    }

    List<String> tenants() {
        return PlaygroundCluster.DEFAULT_TENANTS;
    }

    /** What a scenario changes on the playground beyond the gateway's behaviour. */
    void prepare(Playground playground, boolean broken) {
        // Only the gateway differs for the scenarios so far.
    }

    String experimentTemplate() throws IOException {
        String resource = "/io/jenkins/plugins/chaos/demo/gameday/" + cliName + ".yaml";
        try (InputStream in = GameDay.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
