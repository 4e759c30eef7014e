package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Run results as the probes would produce them, for the alert and metrics tests. */
public final class TestRuns {

    public static final String BREACH_NAME = "alice->bob GET /v1/tenants/bob/files";

    private TestRuns() {
    }

    public static CheckResult check(String probe, String name, Verdict verdict, Instant detectedAt) {
        return new CheckResult(probe, name, verdict, verdict == Verdict.PASSED ? "as expected" : "got HTTP 200",
                List.of("GET /v1/tenants/bob/files with alice's token -> 200", "body: {\"files\":[...]}"),
                detectedAt.minusMillis(250), 250);
    }

    public static RunResult run(String runId, CheckResult... checks) {
        Instant now = Instant.now();
        return new RunResult("tenant-isolation", "staging", runId, now.minusSeconds(5), now, List.of(),
                List.of(checks), List.of(), null, List.of());
    }

    /** Isolation checks on two layers and three tenants, plus a failover stream that switched after 7 seconds. */
    public static RunResult mixedRun(String experiment, Instant injected) {
        List<CheckResult> checks = List.of(
                check("isolation.api", "alice->bob GET /v1/tenants/bob/files", Verdict.CRITICAL, injected),
                check("isolation.api", "alice->carol GET /v1/tenants/carol/files", Verdict.PASSED, injected),
                check("isolation.api", "bob->alice GET /v1/tenants/alice/files", Verdict.PASSED, injected),
                check("isolation.network", "carol -> alice:8080", Verdict.PASSED, injected),
                check("isolation.rbac", "bob->carol list secrets", Verdict.PASSED, injected),
                check("failover", "failover time", Verdict.PASSED, injected),
                check("failover", "p95 latency", Verdict.WARNING, injected));
        long start = injected.getEpochSecond() - 2;
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            long second = start + s;
            boolean fault = second >= injected.getEpochSecond() && second < injected.getEpochSecond() + 15;
            boolean switched = second >= injected.getEpochSecond() + 7;
            int primary = fault ? 0 : 10;
            int secondary = fault && switched ? 9 : 0;
            int graceful = fault && !switched ? 8 : 0;
            int ungraceful = fault ? (switched ? 1 : 2) : 0;
            timeline.add(new TimelinePoint(second, 10, primary, secondary, graceful, ungraceful,
                    120, fault ? 2_500 : 300, fault ? 4_000 : 450, fault));
        }
        FaultRecord fault = new FaultRecord("primary-down", "NetworkChaos", "gateway", "chaos-primary-1",
                "provider primary", injected, injected.plusSeconds(15), "recovered");
        return new RunResult(experiment, "staging", "run-42", injected.minusSeconds(2), injected.plusSeconds(20),
                List.of(fault), checks, timeline, null, List.of());
    }
}
