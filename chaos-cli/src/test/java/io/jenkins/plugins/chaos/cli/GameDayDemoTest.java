package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each game day on the playground as a user runs it: {@code chaos demo --scenario NAME} passes, and with
 * {@code --broken} fails with the verdict and evidence that name the boundary that broke.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GameDayDemoTest {

    @TempDir
    Path dir;

    @Test
    void demoHelpListsEveryScenario() {
        // picocli reports a description it cannot format (a bare '%') on System.err and prints it raw
        PrintStream original = System.err;
        ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
            run = cli("demo", "--help");
        } finally {
            System.setErr(original);
        }
        assertEquals("", picocliWarnings.toString(StandardCharsets.UTF_8));
        assertEquals(0, run.exit(), run::toString);
        for (String scenario : List.of("healthy", "leaky", "no-failover", "slow", "total-outage", "half-partition",
                "data-integrity", "lateral-movement", "--broken")) {
            assertTrue(run.out().contains(scenario), scenario + "\n" + run);
        }
    }

    @Test
    void brokenIsOnlyForGameDays() {
        CliRun run = cli("demo", "--scenario", "leaky", "--broken");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("--broken: only for a game day (total-outage"), run::toString);
    }

    @Test
    void totalOutageDegradesGracefully() {
        CliRun run = demo("total-outage");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("graceful degradation: PASSED - degraded gracefully"), run::toString);
        assertTrue(run.out().contains("recovery: PASSED - a provider served again"), run::toString);
    }

    @Test
    void totalOutageWithAnHtmlErrorPageIsCritical() {
        CliRun run = demo("total-outage", "--broken");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("Broken: failover graceful degradation: "), run::toString);
        assertTrue(journal().contains("ungraceful, status 503, HTML body: "), run::toString);
    }

    @Test
    void halfPartitionIsContained() {
        CliRun run = demo("half-partition");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().matches("(?s).*blast-radius: NetworkChaos tenant-alice/half-tenants-partitioned-\\w+ selected "
                + "\\[tenant-\\w+/tenant-api-0, tenant-\\w+/tenant-api-0\\].*"), run::toString);
        assertTrue(run.out().contains("blast-radius: 5 checks, 0 CRITICAL"), run::toString);
    }

    @Test
    void halfPartitionThroughASharedPoolBreachesTheBlastRadius() {
        CliRun run = demo("half-partition", "--broken");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().matches("(?s).*Broken: blast-radius \\w+ not isolated: keeps full service: blast radius breach: "
                + "\\w+, which the fault did not select, was served .*"), run::toString);
    }

    @Test
    void dataIntegrityHoldsUnderStoreCorruption() {
        CliRun run = demo("data-integrity");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("data-integrity: 9 of 9 canary record(s) deleted"), run::toString);
    }

    @Test
    void dataIntegrityWithACorruptingGatewayIsCriticalWithBothDigests() {
        CliRun run = demo("data-integrity", "--broken");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("Broken: data-integrity alice canaries intact [during]: data integrity breach"), run::toString);
        assertTrue(journal().matches("(?s).*record chaos-canary-\\w+-\\d of alice: expected sha256 [0-9a-f]{64}, read [0-9a-f]{64}.*"),
                run::toString);
        assertTrue(run.out().contains("data-integrity: 9 of 9 canary record(s) deleted"), run::toString);
    }

    @Test
    void lateralMovementHolds() {
        CliRun run = demo("lateral-movement");
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("the service account a probe pod gets in each of [tenant-alice, tenant-bob, tenant-carol]"),
                run::toString);
    }

    @Test
    void lateralMovementThroughALeakyGatewayAndACrossTenantBindingIsCritical() {
        CliRun run = demo("lateral-movement", "--broken");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("Broken: isolation.rbac tenant-alice->tenant-bob probe pod service account: "
                + "isolation breach: a pod in tenant-alice (service account default) has 2 right(s) over tenant-bob"), run::toString);
        assertTrue(run.out().contains("Broken: isolation.api "), run::toString);
        assertTrue(journal().contains("granted by RoleBinding tenant-bob/debug-access"), run::toString);
    }

    /** Also the benchmark of the issue: the whole game day in well under 3 minutes (bound generous here). */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void gamedayRunsEveryScenarioIntoOneCombinedReport() throws IOException {
        CliRun run = cli("gameday", "--report-dir", dir.resolve("gd").toString());
        assertEquals(0, run.exit(), run::toString);
        String report = Files.readString(dir.resolve("gd").resolve("gameday.html"));
        for (String scenario : GameDay.names()) {
            assertTrue(run.out().matches("(?s).*\\n  " + scenario + " +healthy +PASSED .*"), scenario + "\n" + run);
            assertTrue(report.contains("<h2 id=\"" + scenario + "-healthy\">"), scenario);
            assertTrue(Files.isRegularFile(dir.resolve("gd").resolve(scenario).resolve("report.html")), scenario);
        }
        assertTrue(report.contains("fault all-providers-down (PodChaos) injected"), "timeline");
        assertTrue(run.out().contains("Game day verdict: PASSED (exit 0)"), run::toString);
    }

    @Test
    void gamedayWithABrokenScenarioFailsAndSaysWhich() throws IOException {
        CliRun run = cli("gameday", "--scenario", "total-outage", "--broken", "total-outage", "--report-dir",
                dir.resolve("gd").toString());
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().matches("(?s).*\\n  total-outage +broken +CRITICAL .*"), run::toString);
        assertTrue(Files.readString(dir.resolve("gd").resolve("gameday.html")).contains("graceful degradation"));
    }

    @Test
    void gamedayRefusesAnUnknownScenario() {
        CliRun run = cli("gameday", "--scenario", "meteor-strike");
        assertEquals(2, run.exit(), run::toString);
        assertTrue(run.err().contains("unknown scenario(s) [meteor-strike]; allowed: total-outage"), run::toString);
    }

    private String journal() {
        try {
            return Files.readString(dir.resolve("reports").resolve("journal.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliRun demo(String scenario, String... more) {
        List<String> args = new ArrayList<>(List.of("demo", "--scenario", scenario, "--report-dir",
                dir.resolve("reports").toString()));
        args.addAll(List.of(more));
        CliRun run = cli(args.toArray(String[]::new));
        assertFalse(run.all().contains("\tat "), run::toString);
        return run;
    }
}
