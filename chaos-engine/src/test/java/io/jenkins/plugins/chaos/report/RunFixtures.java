package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Runs built by hand, shaped like what the probes produce, for the report tests. */
final class RunFixtures {

    static final Instant START = Instant.parse("2025-03-14T09:26:53Z");
    static final String[] TENANTS = {"alice", "bob", "carol"};
    static final String HOSTILE_NAME = "mallory->bob GET /v1/x?a=<b>&c=\"d\" ]]> \u0007bell\u0000nul 'q'";
    static final String HOSTILE_EVIDENCE = "body: <script>alert(1)</script> & ]]> <![CDATA[x]]> \u001b[31m \uD800 end";

    private RunFixtures() {
    }

    /** {@code run} with the isolation probe's rotating-coverage check, as a run with {@code pairs: {perRun}} has. */
    static RunResult withCoverage(RunResult run) {
        List<CheckResult> checks = new ArrayList<>(run.checks());
        checks.add(new CheckResult(ProbeIds.ISOLATION_COVERAGE, "pairs covered within 24h", Verdict.PASSED,
                "covered within 24h: 12 of 12 pairs x endpoints (100.0%)",
                List.of("space: 3 tenants x 2 endpoints = 12 ordered pairs x endpoints",
                        "last tested 2025-03-14T09:26:53Z (run r): 12 from alice->bob GET /v1/tenants/bob/files to "
                                + "carol->bob GET /v1/tenants/bob/models"), START, 0));
        return new RunResult(run.experiment(), run.environment(), run.runId(), run.startedAt(), run.finishedAt(),
                run.faults(), checks, run.timeline(), run.abortReason(), run.notes(), run.scoreWeights());
    }

    /**
     * Three tenants, every ordered pair against two endpoints (12 checks), of which alice->bob leaks on both
     * endpoints and carol->alice on one (3 CRITICAL); plus static network checks (one ERROR), rbac (one WARNING) and
     * failover (one WARNING, one PASSED).
     */
    static RunResult leakyRun() {
        List<CheckResult> checks = new ArrayList<>();
        long millis = 120;
        for (String from : TENANTS) {
            for (String to : TENANTS) {
                if (from.equals(to)) {
                    continue;
                }
                for (String endpoint : List.of("files", "models")) {
                    String name = from + "->" + to + " GET /v1/tenants/" + to + "/" + endpoint;
                    boolean leak = (from.equals("alice") && to.equals("bob"))
                            || (from.equals("carol") && to.equals("alice") && endpoint.equals("files"));
                    checks.add(new CheckResult("isolation.api", name, leak ? Verdict.CRITICAL : Verdict.PASSED,
                            leak ? "tenant " + from + " read " + to + "'s " + endpoint + ": HTTP 200, expected 401/403"
                                    : "HTTP 403 as expected",
                            leak ? List.of("GET http://127.0.0.1:8080/v1/tenants/" + to + "/" + endpoint,
                                    "status: 200", "body: {\"files\":[\"" + to + "-secret-plan.pdf\"]}")
                                    : List.of("status: 403"),
                            START.plusMillis(millis * 10), millis));
                    millis += 7;
                }
            }
        }
        checks.add(new CheckResult("isolation.network.static", "tenant-alice -> tenant-bob port 8080", Verdict.PASSED,
                "default deny present; no rule admits tenant-alice", List.of("policy: default-deny"), START, 3));
        checks.add(new CheckResult("isolation.network.static", "tenant-carol -> tenant-bob port 8080", Verdict.ERROR,
                "namespace tenant-carol not found: check could not run", List.of("GET namespaces/tenant-carol: 404"),
                START, 4));
        checks.add(new CheckResult("isolation.rbac", "alice cannot list secrets in tenant-bob", Verdict.WARNING,
                "allowed by a wildcard ClusterRole that is not bound yet", List.of("role: view-all"), START, 15));
        checks.add(new CheckResult("failover", "failover time", Verdict.PASSED, "secondary served after 4.2 s",
                List.of("first secondary response at +4.2s"), START.plusSeconds(10), 61_000));
        checks.add(new CheckResult("failover", "p95 latency", Verdict.WARNING, "p95 31.5 s > 30 s",
                List.of("p95 31500 ms"), START.plusSeconds(10), 61_000));
        List<FaultRecord> faults = List.of(new FaultRecord("primary-outage", "NetworkChaos", "gateway",
                "chaos-primary-outage-x1", "provider primary (app=provider-a)", START.plusSeconds(20),
                START.plusSeconds(50), "recovered"));
        return new RunResult("tenant-isolation-and-failover", "playground", "run-20250314-0926-7f3a", START,
                START.plusSeconds(95), faults, checks, timeline(START.getEpochSecond(), 70, 20, 50),
                null, List.of("leaky scenario: tenant bob's boundary is broken on purpose"));
    }

    /** Per-second samples: primary until the fault, a short ungraceful burst, then the secondary, then back. */
    static List<TimelinePoint> timeline(long firstSecond, int seconds, int faultFrom, int faultTo) {
        List<TimelinePoint> points = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            boolean fault = s >= faultFrom && s < faultTo;
            int requests = 20;
            int primary;
            int secondary;
            int graceful;
            int ungraceful;
            double p50;
            if (!fault) {
                primary = 20;
                secondary = 0;
                graceful = 0;
                ungraceful = 0;
                p50 = 180 + (s % 7) * 5;
            } else if (s < faultFrom + 3) {
                primary = 0;
                secondary = 6;
                graceful = 8;
                ungraceful = 6;
                p50 = 2400;
            } else {
                primary = 0;
                secondary = 20;
                graceful = 0;
                ungraceful = 0;
                p50 = 420 + (s % 5) * 10;
            }
            points.add(new TimelinePoint(firstSecond + s, requests, primary, secondary, graceful, ungraceful,
                    p50, p50 * 1.8, p50 * 2.6, fault));
        }
        return points;
    }

    static CheckResult check(String probe, String name, Verdict verdict, long millis) {
        return new CheckResult(probe, name, verdict, verdict + " " + name, List.of("evidence of " + name), START, millis);
    }
}
