package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code chaos} command as a user types it: exit codes and the lines they read. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest {

    private static final String GOOD = """
            name: alice from bob
            faults:
              - name: alice-bob
                kind: NetworkChaos
                action: partition
                duration: 30s
                mode: all
                selector: {namespaces: [tenant-alice]}
                direction: both
                target: {mode: all, selector: {namespaces: [tenant-bob]}}
            """;

    @TempDir
    Path dir;

    @Test
    void validateAcceptsAGoodExperimentWithoutACluster() throws Exception {
        Path file = Files.writeString(dir.resolve("good.yaml"), GOOD);
        CliRun run = cli("validate", file.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("OK    " + file + ": experiment 'alice from bob'"), run::toString);
        assertTrue(run.out().contains("NetworkChaos tenant-alice/alice-bob-validate action=partition"), run::toString);
    }

    @Test
    void validateListsTheProblemsOfABadExperiment() throws Exception {
        Path good = Files.writeString(dir.resolve("good.yaml"), GOOD);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), GOOD.replace("30s", "forever").replace("mode: all\n    selector",
                "mode: most\n    selector"));
        CliRun run = cli("validate", good.toString(), bad.toString());
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.out().contains("OK    " + good), run::toString);
        assertTrue(run.out().contains("INVALID " + bad + " (2 problem(s)):"), run::toString);
        assertTrue(run.out().contains("  - faults[0].duration: \"forever\" is not a duration"), run::toString);
        assertTrue(run.out().contains("  - faults[0].mode: unknown mode 'most'; allowed: one, all, fixed"), run::toString);
    }

    @Test
    void dryRunPrintsTheResourceAndPersistsNothing() throws Exception {
        try (PlaygroundCluster cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(),
                Duration.ofMillis(50), true)) {
            Path file = Files.writeString(dir.resolve("good.yaml"), GOOD);
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));

            CliRun run = cli("run", file.toString(), "--dry-run", "--kubeconfig", kubeconfig.toString());

            assertEquals(0, run.exit(), run::toString);
            assertTrue(run.out().contains("Dry run (server-side, nothing persisted): would apply NetworkChaos tenant-alice/"
                    + "alice-bob-"), run::toString);
            // The YAML of the resource, with the run's labels and the Chaos Mesh spec.
            for (String line : List.of("apiVersion: \"chaos-mesh.org/v1alpha1\"", "kind: \"NetworkChaos\"",
                    "app.kubernetes.io/managed-by: \"chaos-engineering\"", "chaos-engineering/expires-at:",
                    "action: \"partition\"", "direction: \"both\"", "duration: \"30s\"")) {
                assertTrue(run.out().contains(line), () -> "prints " + line + "\n" + run);
            }
            var left = allChaosResources(cluster.client());
            assertEquals(0, left.size(), () -> names(left));
        }
    }

    @Test
    void demoInjectsAndRemovesTheFaults() {
        CliRun run = cli("demo", "--report-dir", dir.resolve("reports").toString());
        assertEquals(0, run.exit(), run::toString);
        for (String fault : List.of("PodChaos inference/primary-provider-outage-", "NetworkChaos tenant-alice/alice-bob-partition-")) {
            assertTrue(run.out().contains("Injecting " + fault), () -> "injects " + fault + "\n" + run);
            assertTrue(Pattern.compile("In place: " + Pattern.quote(fault) + "\\w+ \\(AllInjected after").matcher(run.out()).find(),
                    () -> "in place " + fault + "\n" + run);
            assertTrue(Pattern.compile("Gone: " + Pattern.quote(fault) + "\\w+ \\(recovered after").matcher(run.out()).find(),
                    () -> "gone " + fault + "\n" + run);
        }
        assertTrue(run.out().contains("Verdict: PASSED (exit 0)"), run::toString);
    }

    @Test
    void sweepOnAnEmptyClusterSucceeds() throws Exception {
        try (PlaygroundCluster cluster = PlaygroundCluster.start(List.of(), ChaosEffects.none(), Duration.ZERO, false)) {
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
            CliRun run = cli("sweep", "--kubeconfig", kubeconfig.toString());
            assertEquals(0, run.exit(), run::toString);
            assertTrue(run.out().contains("Sweep done: 0 deleted, 0 released from finalizers, 0 stuck, 0 kept"), run::toString);
            CliRun all = cli("sweep", "--all", "--force", "--namespace", "tenant-alice", "--kubeconfig", kubeconfig.toString());
            assertEquals(0, all.exit(), all::toString);
        }
    }

    @Test
    void anUnknownSubcommandIsInvalidInput() {
        CliRun run = cli("explode");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("Unmatched argument at index 0: 'explode'"), run::toString);
        assertTrue(run.err().contains("Try 'chaos --help'."), run::toString);
    }

    @Test
    void anUnknownOptionIsInvalidInput() throws Exception {
        Path file = Files.writeString(dir.resolve("good.yaml"), GOOD);
        CliRun run = cli("run", file.toString(), "--dry-runn");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("Unknown option: '--dry-runn'"), run::toString);
        assertTrue(run.err().contains("--dry-run"), () -> "suggests the option meant\n" + run);
        assertTrue(run.err().contains("Try 'chaos run --help'."), run::toString);
    }

    @Test
    void anUnknownScenarioNamesTheAllowedOnes() {
        CliRun run = cli("demo", "--scenario", "sideways");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("allowed: healthy, leaky, no-failover"), run::toString);
        assertFalse(run.all().contains("\tat "), run::toString);
    }
}
