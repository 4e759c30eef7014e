package io.jenkins.plugins.chaos.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.experiment.ProviderFailoverSpec;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import io.jenkins.plugins.chaos.fault.CompositeFaultJudge;
import io.jenkins.plugins.chaos.fault.FaultInjectionException;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.fault.RecoveryOutcome;
import io.jenkins.plugins.chaos.fault.Sweeper;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.IsolationPhase;
import io.jenkins.plugins.chaos.plan.ProbeConfigs;
import io.jenkins.plugins.chaos.plan.ResourceUsageConfig;
import io.jenkins.plugins.chaos.probe.IsolationProbeSuite;
import io.jenkins.plugins.chaos.probe.api.PairCoverage;
import io.jenkins.plugins.chaos.probe.failover.FailoverProbe;
import io.jenkins.plugins.chaos.probe.failover.FailoverResult;
import io.jenkins.plugins.chaos.probe.failover.FailoverRun;
import io.jenkins.plugins.chaos.probe.resources.ResourceUsageProbe;
import io.jenkins.plugins.chaos.report.ReportFiles;
import io.jenkins.plugins.chaos.report.ReportWriter;
import io.jenkins.plugins.chaos.verdict.CheckLog;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.ResilienceScore;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of one run while {@link ExperimentRunner} walks it through its steps: what was injected, the checks so
 * far, the failover stream, the stop condition. One instance per run, used from the runner's thread (the failover
 * stream's critical callback only touches the stop condition, which is thread-safe).
 */
final class RunSession {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** After the faults are gone the failover stream keeps going this long, to see the primary serve again. */
    private static final Duration RECOVERY_OBSERVATION = Duration.ofSeconds(15);

    private final ExperimentPlan plan;
    private final KubernetesClient client;
    private final RunOptions options;
    private final String runId;
    private final String environment;
    private final Instant started = Instant.now();
    private final RunSecrets secrets;
    private final RunListener console;
    private final FaultInjector injector;
    private final CompositeFaultJudge composites;
    private final boolean faults;
    private final List<String> notes = new ArrayList<>();
    /** Spooled to disk as they come: a run's isolation matrix may hold 160,000 checks. */
    private final CheckLog checks = new CheckLog();
    private final List<FaultRecord> records = new ArrayList<>();
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final CountDownLatch abort = new CountDownLatch(1);
    private final AlertDispatcher alerts;
    private FailoverRun stream;
    private InjectedFaults injected;
    /** Why the steady-state gate kept the faults out; null when the steady state held. */
    private String gatedBy;
    private DataIntegrityStep integrity;
    private ResourceUsageProbe usage;

    /**
     * @param alerts the dispatcher that pages as checks are judged; null when this run alerts nobody while it runs
     */
    RunSession(ExperimentPlan plan, KubernetesClient client, RunListener listener, RunOptions options,
               AlertDispatcher alerts) {
        this.runId = options.runId() != null ? options.runId() : ChaosLabels.newRunId();
        this.plan = plan.forRun(runId);
        this.client = client;
        this.options = options.withRunId(runId);
        this.environment = options.environment() != null ? options.environment() : plan.environment();
        this.secrets = new RunSecrets(options.secrets(), options.variables());
        this.console = secrets.redacting(listener);
        this.injector = new FaultInjector(client, console, this.options);
        this.composites = new CompositeFaultJudge(client);
        this.faults = plan.hasFaults();
        this.alerts = alerts;
        if (alerts != null) {
            alerts.begin(plan.name(), environment, runId);
        }
        console.info("Chaos run " + runId + ": experiment '" + plan.name() + "' in environment '"
                + environment + "'" + (options.dryRun() ? " (dry run: nothing will be applied)" : ""));
    }

    /** Expired chaos resources of earlier runs (a SIGKILL, a lost agent) go before this run adds its own. */
    void sweepLeftovers() {
        if (faults && !options.dryRun()) {
            int swept = new Sweeper(client, console).sweep(null, true, false, started).deleted().size();
            if (swept > 0) {
                notes.add("swept " + swept + " expired chaos resource(s) left behind by earlier runs");
            }
        }
    }

    /**
     * The steady-state hypothesis: a CRITICAL before anything is injected means the system is already broken, so the
     * faults stay out (as Chaos Toolkit's hypothesis gates its method) and the run reports the breach it found.
     */
    void probeIsolationBefore() throws InterruptedException {
        if (faults && plan.isolation() != null && plan.isolationRunsIn(IsolationPhase.BEFORE)) {
            PhaseCriticals before = addIsolation(IsolationPhase.BEFORE);
            if (before.count() > 0) {
                gatedBy = "steady-state gate: " + before.count() + " CRITICAL check(s) before any fault (first: "
                        + before.first().probe() + " " + before.first().name() + "); the faults were not applied";
                console.critical(gatedBy);
                notes.add(gatedBy);
                abortReason.compareAndSet(null, gatedBy);
            }
        }
    }

    /** Canaries go in before the faults, so that what is read during and after can be compared with them. */
    void writeCanaries() {
        if (faults && plan.dataIntegrity() != null && !options.dryRun()) {
            integrity = new DataIntegrityStep(plan.dataIntegrity(), console, secrets::resolve);
            integrity.before(runId);
        }
    }

    void verifyCanariesAfter() {
        if (integrity != null) {
            integrity.after();
        }
    }

    /** Runs in the runner's {@code finally}: canaries never remain. */
    void deleteCanaries() {
        if (integrity != null) {
            integrity.close();
            checks.addAll(integrity.checks());
            integrity = null;
        }
    }

    /** The stream starts before injection, so that it sees the steady state and the instant of failover. */
    void startFailoverStream() {
        ProviderFailoverSpec failover = plan.failover();
        if (failover == null || options.dryRun() || gatedBy != null) {
            return;
        }
        String defaultDuration = GoDuration.format(plan.hold(false).plus(RECOVERY_OBSERVATION));
        console.info("Provider failover: starting the request stream against " + failover.gateway());
        stream = new FailoverProbe(ProbeConfigs.failover(failover, defaultDuration, secrets::resolve), console)
                .start((check, reason) -> {
                    if (alerts != null) {
                        alerts.observe(new CheckResult(ProbeIds.FAILOVER, check, Verdict.CRITICAL, reason, List.of(
                                "seen while the stream was running; the report holds the full evidence"),
                                Instant.now(), 0));
                    }
                    stopCondition(ProbeIds.FAILOVER + " " + check + ": " + reason, reason, false);
                });
    }

    /**
     * Injects, probes isolation while the faults are active, and holds them for their duration or until a stop
     * condition fires. A fault that cannot be put in place becomes an ERROR check: the injector has already removed
     * what it created.
     */
    void injectAndHold() throws InterruptedException {
        if (gatedBy != null) {
            return;
        }
        Instant injectStart = Instant.now();
        try {
            if (faults) {
                injected = injector.inject(plan);
                if (stream != null) {
                    stream.faultInjected(injected.injectedAt());
                }
                if (alerts != null) {
                    alerts.faultInjected(injected.injectedAt());
                }
                if (options.dryRun()) {
                    notes.add("dry run: the API server accepted every resource; nothing was persisted");
                }
            }
            if (plan.isolation() != null && (!faults || plan.isolationRunsIn(IsolationPhase.DURING)) && !options.dryRun()) {
                PhaseCriticals during = addIsolation(faults ? IsolationPhase.DURING : null);
                if (faults && during.count() > 0) {
                    stopCondition("tenant isolation breach while the fault was active", "tenant isolation breach", true);
                }
            }
            if (faults && plan.resourceUsage() != null && !options.dryRun() && injected != null) {
                usage = new ResourceUsageProbe(client, ResourceUsageConfig.of(plan.resourceUsage()), console);
                usage.start();
            }
            if (integrity != null && injected != null) {
                integrity.during();
            }
            if (faults && plan.blastRadius() != null && !options.dryRun() && injected != null) {
                checks.addAll(BlastRadiusStep.run(plan.blastRadius(), injected, client, console, secrets::resolve));
            }
            if (faults && !options.dryRun()) {
                Duration held = hold();
                // A Schedule or a Workflow is judged by what it did, before recovery deletes what it spawned.
                checks.addAll(composites.judge(injected.resources(), injected.injectedAt(), held, plan.injectionTimeout()));
            }
        } catch (FaultInjectionException e) {
            console.warn("Fault injection failed: " + e.getMessage());
            checks.add(new CheckResult(ProbeIds.FAULT, "injection", Verdict.ERROR, secrets.redact(e.getMessage()),
                    List.of("Nothing was left injected: what had been created was removed."), injectStart,
                    Duration.between(injectStart, Instant.now()).toMillis()));
        }
    }

    /** Removes what was injected and records how each fault ended; runs in the runner's {@code finally}. */
    void recover() {
        if (usage != null) {
            try {
                checks.addAll(usage.finish());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            usage = null;
        }
        if (injected == null || injected.resources().isEmpty()) {
            return;
        }
        List<RecoveryOutcome> outcomes = injector.recover(injected.resources());
        if (stream != null) {
            stream.faultRemoved(Instant.now());
        }
        records.addAll(merge(outcomes));
    }

    void stopFailoverStream(String reason) {
        if (stream != null) {
            stream.stop(reason);
        }
    }

    void awaitFailoverStream() throws InterruptedException {
        if (stream == null) {
            return;
        }
        if (abortReason.get() != null) {
            stream.stop(abortReason.get());
        }
        FailoverResult result = stream.awaitResult();
        checks.addAll(result.checks());
        timeline.addAll(result.timeline());
    }

    void probeIsolationAfter() throws InterruptedException {
        if (gatedBy == null && faults && plan.isolation() != null && plan.isolationRunsIn(IsolationPhase.AFTER) && !options.dryRun()) {
            addIsolation(IsolationPhase.AFTER);
        }
    }

    /** The run's result, with the gates' checks (minScore, isolation success) and why the score is capped. */
    RunResult result() {
        gate();
        isolationGate();
        String capped = ResilienceScore.capReason(checks);
        if (!capped.isEmpty()) {
            notes.add(capped);
            console.critical(capped);
        }
        return new RunResult(plan.name(), environment, runId, started, Instant.now(), records, checks, timeline,
                abortReason.get(), notes, plan.scoreWeights());
    }

    void writeReports(RunResult result) {
        if (options.reportDir() == null) {
            return;
        }
        try {
            ReportFiles files = ReportWriter.write(result, Path.of(options.reportDir()), secrets.redactor());
            console.info("Reports: " + files.html() + ", " + files.journal() + ", " + files.junitDir() + "/");
        } catch (IOException e) {
            // The verdict stands without its reports; say so loudly rather than fail a run that did its work.
            console.warn("Could not write the reports to " + options.reportDir() + ": " + e.getMessage());
        }
    }

    void announce(RunResult result) {
        console.info("Run " + runId + " finished: " + result.verdict() + " (" + result.checks().size() + " check(s): "
                + result.count(Verdict.CRITICAL) + " critical, " + result.count(Verdict.WARNING) + " warning, "
                + result.count(Verdict.ERROR) + " error; " + result.faults().size() + " fault(s))"
                + (result.aborted() ? "; aborted: " + result.abortReason() : "")
                + (result.score().isPresent() ? "; resilience score " + result.score().getAsDouble() + "/100" : ""));
    }

    /**
     * {@code abortOn}: the first CRITICAL it covers (an isolation breach by default, any CRITICAL with
     * {@code critical}) while the faults are active releases the hold at once.
     */
    private void stopCondition(String reason, String what, boolean isolationBreach) {
        if (plan.abortOn().stopsOn(isolationBreach) && abortReason.compareAndSet(null, reason)) {
            console.critical("stop condition (abortOn: " + plan.abortOn().key() + "): " + what
                    + "; removing the faults now");
            abort.countDown();
        }
    }

    /** The run's alerts after its end: resolves, the Slack summary, every delivery awaited within its bound. */
    AlertOutcome finishAlerts(RunResult result) {
        return alerts == null ? null : alerts.finish(result);
    }

    /** The optional quality gate: a score below {@code minScore} makes the run a WARNING (UNSTABLE in Jenkins). */
    private void gate() {
        Double minScore = plan.minScore();
        OptionalDouble scored = ResilienceScore.of(checks, plan.scoreWeights());
        if (minScore == null || scored.isEmpty()) {
            return;
        }
        double score = scored.getAsDouble();
        boolean below = score < minScore;
        checks.add(new CheckResult(ProbeIds.SCORE, "resilience score >= " + minScore,
                below ? Verdict.WARNING : Verdict.PASSED, "resilience score " + score + "/100"
                + (below ? " is below minScore " + minScore : " meets minScore " + minScore),
                List.of("weights: " + (plan.scoreWeights().isEmpty() ? "equal" : plan.scoreWeights().toString())),
                Instant.now(), 0));
        if (below) {
            console.warn("Resilience score " + score + "/100 is below minScore " + minScore);
        }
    }

    /** {@code scoring.isolationSuccessPercent} (default 95): the runbook's isolation success rate, as a gate. */
    private void isolationGate() {
        long ran = 0;
        long held = 0;
        // the checks stream back from the run's spool: counted, never collected
        for (CheckResult check : checks) {
            if (ProbeIds.isIsolation(check.probe()) && check.verdict() != Verdict.ERROR) {
                ran++;
                if (check.verdict() == Verdict.PASSED) {
                    held++;
                }
            }
        }
        if (ran == 0) {
            return;
        }
        double percent = Math.round(1000.0 * held / ran) / 10.0;
        double required = plan.isolationSuccessPercent();
        boolean below = percent < required;
        checks.add(new CheckResult(ProbeIds.SCORE, "isolation success >= " + required + "%",
                below ? Verdict.WARNING : Verdict.PASSED, held + " of " + ran + " isolation checks held ("
                + percent + "%)" + (below ? ", below " : ", meets ") + "isolationSuccessPercent " + required,
                List.of("checks that could not run are left out"), Instant.now(), 0));
        if (below) {
            console.warn("Isolation success " + percent + "% is below isolationSuccessPercent " + required + "%");
        }
    }

    /** How many CRITICAL checks a phase of the isolation probe found, and the first of them (null for none). */
    private record PhaseCriticals(long count, CheckResult first) {
    }

    /**
     * Runs the isolation layers for a phase into the run's checks. Each judged check goes to the dispatcher at once,
     * which pages from its own threads; the checks themselves stream to the spool, never into a list.
     */
    private PhaseCriticals addIsolation(IsolationPhase phase) throws InterruptedException {
        TenantIsolationSpec spec = plan.isolation();
        Path coverageState = options.stateDir() == null ? null
                : PairCoverage.stateFile(Path.of(options.stateDir()), plan.name(), environment);
        long criticals = 0;
        CheckResult first = null;
        try (CheckLog found = new IsolationProbeSuite(spec, client, console, secrets::resolve, coverageState, runId).run()) {
            // The same check in two phases must stay two test cases and two alert keys.
            boolean rename = phase != null && spec.phases().size() >= 2;
            for (CheckResult check : found) {
                CheckResult named = !rename ? check : new CheckResult(check.probe(), check.name() + " [" + phase.key() + "]",
                        check.verdict(), check.summary(), check.evidence(), check.startedAt(), check.durationMillis());
                checks.add(named);
                if (alerts != null) {
                    alerts.observe(named);
                }
                if (named.verdict() == Verdict.CRITICAL) {
                    criticals++;
                    first = first == null ? named : first;
                }
            }
        }
        return new PhaseCriticals(criticals, first);
    }

    /**
     * Keeps the faults in place for their duration, until a stop condition fires (abortOn, or an external
     * {@code stopWhen} polled meanwhile), or, for Workflows, until every one has finished. Returns how long that was.
     */
    private Duration hold() throws InterruptedException {
        Duration longest = plan.hold(options.dryRun());
        if (longest.isZero()) {
            return longest;
        }
        Instant end = injected.injectedAt().plus(longest);
        console.info("Holding " + injected.resources().size() + " fault(s) for " + GoDuration.format(longest));
        StopConditionPoller poller = new StopConditionPoller(plan.stopWhen(), this::stopNow, console);
        poller.start();
        try {
            return holdUntil(end, longest);
        } finally {
            poller.stop();
        }
    }

    /** An external stop condition tripped: recovery starts at once, whatever {@code abortOn} says. */
    private void stopNow(String reason) {
        if (abortReason.compareAndSet(null, reason)) {
            console.critical(reason + "; removing the faults now");
            abort.countDown();
        }
    }

    private Duration holdUntil(Instant end, Duration longest) throws InterruptedException {
        Instant nextProgress = Instant.now().plus(PROGRESS_EVERY);
        while (Instant.now().isBefore(end)) {
            long left = Duration.between(Instant.now(), end).toMillis();
            if (abort.await(Math.max(1, Math.min(left, 500)), TimeUnit.MILLISECONDS)) {
                return Duration.between(injected.injectedAt(), Instant.now());
            }
            if (plan.hasWorkflow() && composites.workflowsFinished(injected.resources())) {
                console.info("Every Workflow has finished; ending the hold");
                return Duration.between(injected.injectedAt(), Instant.now());
            }
            if (Instant.now().isAfter(nextProgress)) {
                console.info("Faults active, " + GoDuration.format(Duration.ofSeconds(
                        Math.max(0, Duration.between(Instant.now(), end).toSeconds()))) + " left");
                nextProgress = nextProgress.plus(PROGRESS_EVERY);
            }
        }
        return longest;
    }

    private List<FaultRecord> merge(List<RecoveryOutcome> outcomes) {
        List<FaultRecord> merged = new ArrayList<>();
        for (FaultRecord record : injected.records()) {
            ChaosResourceRef ref = injected.resources().stream()
                    .filter(r -> r.name().equals(record.resource()) && r.namespace().equals(record.namespace()))
                    .findFirst().orElseThrow();
            RecoveryOutcome outcome = outcomes.stream().filter(o -> o.resource().equals(ref)).findFirst()
                    .orElse(new RecoveryOutcome(ref, null, "recovery not attempted"));
            merged.add(new FaultRecord(record.name(), record.kind(), record.namespace(), record.resource(),
                    record.target(), record.injectedAt(), outcome.recoveredAt(), outcome.outcome()));
            Instant from = record.injectedAt() == null ? Instant.now() : record.injectedAt();
            long millis = Duration.between(from, outcome.recoveredAt() == null ? Instant.now() : outcome.recoveredAt()).toMillis();
            checks.add(new CheckResult(ProbeIds.FAULT, record.name() + " injected and recovered",
                    outcome.recovered() ? Verdict.PASSED : Verdict.ERROR,
                    outcome.recovered() ? ref + " was injected and removed" : ref + ": " + outcome.outcome(),
                    List.of(record.target(), "injected at " + record.injectedAt(), "recovery: " + outcome.outcome()),
                    from, millis));
        }
        return merged;
    }
}
