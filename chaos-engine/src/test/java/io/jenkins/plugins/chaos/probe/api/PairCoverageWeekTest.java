package io.jenkins.plugins.chaos.probe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.experiment.PairsSpec;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import io.jenkins.plugins.chaos.experiment.TenantSpec;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.IsolationProbeSuite;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckLog;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated week of a job every 30 minutes with {@code pairs: {perRun: 3, coverWithin: 24h}} against a real gateway
 * on 127.0.0.1: 8 tenants x 2 endpoints = 112 ordered pairs x endpoints, 3 per run (48 runs a day). The clock is the
 * simulation's; the calls are real. Each new {@link PairCoverage} reads the state file the run before wrote, as a
 * new Jenkins build would.
 */
class PairCoverageWeekTest {

    private static final List<RequestTemplate> ENDPOINTS = List.of(
            RequestTemplate.parse("GET /v1/tenants/{tenant}/models"), RequestTemplate.parse("GET /v1/tenants/{tenant}/files"));
    private static final Duration CADENCE = Duration.ofMinutes(30);
    private static final Instant MONDAY = Instant.parse("2026-11-30T00:00:00Z");
    private static final int RUNS_A_WEEK = 7 * 48;

    @TempDir
    Path stateDir;

    @Test
    void everyPairAndEndpointIsTestedEachDayAndAPlantedBreachIsFoundThenRetestedEveryRunUntilItHolds() throws Exception {
        try (TenantGateway gateway = new TenantGateway(8)) {
            ApiIsolationConfig config = new ApiIsolationConfig(gateway.url(), gateway.tokens(), ENDPOINTS, null, 4, "5s");
            IsolationMatrix full = new IsolationMatrix(config);
            int space = full.crossSpace();
            assertEquals(112, space);
            int breach = indexOf(full, "t3->t5 GET /v1/tenants/t5/files");
            gateway.plantBreach("t3", "t5", "/files");
            Instant fixedAt = MONDAY.plus(Duration.ofDays(4));
            Path state = PairCoverage.stateFile(stateDir, "isolation week", "staging");

            BitSet[] testedOnDay = new BitSet[7];
            Integer foundInRun = null;
            int retestsAfterFinding = 0;
            Integer heldInRun = null;
            for (int run = 0; run < RUNS_A_WEEK; run++) {
                Instant now = MONDAY.plus(CADENCE.multipliedBy(run));
                if (!now.isBefore(fixedAt)) {
                    gateway.fixBreaches();
                }
                int day = run / 48;
                BitSet today = testedOnDay[day] == null ? testedOnDay[day] = new BitSet(space) : testedOnDay[day];
                PairCoverage coverage = new PairCoverage(state, new PairsSpec(3, "24h"), full);
                RecordingListener listener = new RecordingListener();
                PairCoverage.Plan plan = coverage.plan("run-" + run, now, listener);
                Map<Integer, Verdict> seen = new HashMap<>();
                try (CheckLog checks = new ApiIsolationProbe(config, listener).run(plan.selection(), seen::put)) {
                    assertEquals(full.controls() + plan.selection().size(), checks.size(), "controls every run");
                }
                seen.keySet().forEach(today::set);
                Map<Integer, Verdict> failures = new HashMap<>();
                seen.forEach((index, verdict) -> {
                    if (verdict != Verdict.PASSED) {
                        failures.put(index, verdict);
                    }
                });
                CheckResult check = coverage.record(failures, now);
                assertEquals(Verdict.PASSED, check.verdict(), () -> check.summary());
                if (foundInRun == null && seen.get(breach) == Verdict.CRITICAL) {
                    foundInRun = run;
                } else if (foundInRun != null && heldInRun == null) {
                    // Found once, it is tested again in every run, CRITICAL until the gateway is fixed.
                    Verdict again = seen.get(breach);
                    assertNotNull(again, "run " + run + " must re-test the breach found in run " + foundInRun);
                    if (again == Verdict.PASSED) {
                        assertFalse(now.isBefore(fixedAt), "it held only after the fix");
                        heldInRun = run;
                    } else {
                        assertEquals(Verdict.CRITICAL, again);
                        retestsAfterFinding++;
                    }
                }
                if (heldInRun != null && run == heldInRun + 1) {
                    assertFalse(coverage.failing().containsKey(breach), "a pair that holds leaves the failing list");
                }
                if (run % 48 == 47) {
                    assertTrue(check.summary().contains("112 of 112 pairs x endpoints (100.0%)"), check::summary);
                }
            }
            for (int day = 0; day < 7; day++) {
                assertEquals(space, testedOnDay[day].cardinality(), "day " + day + ": every pair x endpoint tested");
            }
            assertNotNull(foundInRun, "the planted breach is found");
            assertTrue(foundInRun < 48, "found within the first 24h window, in run " + foundInRun);
            assertNotNull(heldInRun, "the fix is seen");
            assertEquals(fixedAt, MONDAY.plus(CADENCE.multipliedBy(heldInRun)), "seen by the first run after the fix");
            assertEquals(heldInRun - foundInRun - 1, retestsAfterFinding, "re-tested in every run in between");
            String json = Files.readString(state);
            assertFalse(json.contains("secret"), "no token in the state file");
            assertTrue(json.contains("\"cursor\""), json);
        }
    }

    @Test
    void aTooSmallPerRunGrowsToTheCadenceAndSaysSo() throws Exception {
        try (TenantGateway gateway = new TenantGateway(8)) {
            ApiIsolationConfig config = new ApiIsolationConfig(gateway.url(), gateway.tokens(), ENDPOINTS, null, 4, "5s");
            IsolationMatrix full = new IsolationMatrix(config);
            Path state = PairCoverage.stateFile(stateDir, "small", "staging");
            RecordingListener listener = new RecordingListener();
            PairCoverage.Plan last = null;
            for (int run = 0; run < 3; run++) {
                // Every 6 hours: 3 runs a window (95% of 4), so 38 of 112 per run, not 1.
                PairCoverage coverage = new PairCoverage(state, new PairsSpec(1, "24h"), full);
                last = coverage.plan("run-" + run, MONDAY.plus(Duration.ofHours(6L * run)), listener);
                coverage.record(Map.of(), MONDAY.plus(Duration.ofHours(6L * run)));
            }
            assertEquals(38, last.size());
            assertTrue(listener.warnings().stream().anyMatch(w -> w.contains("raise perRun to at least 38")),
                    () -> String.join("\n", listener.warnings()));
        }
    }

    @Test
    void aLaterPhaseOfTheSameRunTestsTheSameSlice() throws Exception {
        try (TenantGateway gateway = new TenantGateway(4)) {
            ApiIsolationConfig config = new ApiIsolationConfig(gateway.url(), gateway.tokens(), ENDPOINTS, null, 4, "5s");
            IsolationMatrix full = new IsolationMatrix(config);
            Path state = PairCoverage.stateFile(stateDir, "phases", "staging");
            RecordingListener listener = new RecordingListener();
            PairCoverage before = new PairCoverage(state, new PairsSpec(5, "24h"), full);
            PairCoverage.Plan first = before.plan("run-1", MONDAY, listener);
            before.record(Map.of(), MONDAY);
            PairCoverage after = new PairCoverage(state, new PairsSpec(5, "24h"), full);
            PairCoverage.Plan second = after.plan("run-1", MONDAY.plusSeconds(60), listener);
            assertEquals(first.from(), second.from());
            assertEquals(first.size(), second.size());
            PairCoverage next = new PairCoverage(state, new PairsSpec(5, "24h"), full);
            assertEquals(5, next.plan("run-2", MONDAY.plus(CADENCE), listener).from(), "the next run moves on");
        }
    }

    @Test
    void theSuiteRotatesWithAStateFileAndRefusesToRotateWithoutOne() throws Exception {
        try (TenantGateway gateway = new TenantGateway(3)) {
            List<TenantSpec> tenants = gateway.tokens().entrySet().stream()
                    .map(t -> new TenantSpec(t.getKey(), null, t.getValue())).toList();
            TenantIsolationSpec spec = new TenantIsolationSpec(null, gateway.url(), tenants, ENDPOINTS, null, 4, "5s",
                    false, false, false, null, null, null, new PairsSpec(4, "24h"));
            Path state = PairCoverage.stateFile(stateDir, "suite", "staging");
            RecordingListener listener = new RecordingListener();
            try (CheckLog first = new IsolationProbeSuite(spec, null, listener, UnaryOperator.identity(), state, "run-a").run()) {
                // 3 x 2 controls, 4 of the 12 cross-tenant calls, and the coverage check
                assertEquals(6 + 4 + 1, first.size());
                CheckResult coverage = first.get(first.size() - 1);
                assertEquals(PairCoverage.PROBE, coverage.probe());
                assertTrue(coverage.summary().contains("4 of 12 pairs x endpoints (33.3%)"), coverage.summary());
            }
            try (CheckLog second = new IsolationProbeSuite(spec, null, listener, UnaryOperator.identity(), state, "run-b").run()) {
                CheckResult coverage = second.get(second.size() - 1);
                assertTrue(coverage.summary().contains("8 of 12 pairs x endpoints"), coverage.summary());
            }
            try (CheckLog nowhere = new IsolationProbeSuite(spec, null, listener, UnaryOperator.identity(), null, "run-c").run()) {
                assertEquals(1, nowhere.size());
                assertEquals(Verdict.ERROR, nowhere.get(0).verdict());
                assertTrue(nowhere.get(0).summary().contains("needs a state directory"), nowhere.get(0).summary());
            }
            assertFalse(Files.readString(state).contains("secret"));
        }
    }

    private static int indexOf(IsolationMatrix matrix, String name) {
        for (int i = 0; i < matrix.crossSpace(); i++) {
            if (matrix.crossName(i).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no pair " + name);
    }
}
