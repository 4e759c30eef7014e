package io.jenkins.plugins.chaos.engine;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.plan.ExperimentValidator;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.InvalidExperimentException;
import io.jenkins.plugins.chaos.experiment.ProviderFailoverSpec;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.fault.FaultInjectionException;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.fault.RecoveryOutcome;
import io.jenkins.plugins.chaos.fault.Sweeper;
import io.jenkins.plugins.chaos.probe.IsolationProbeSuite;
import io.jenkins.plugins.chaos.plan.ProbeConfigs;
import io.jenkins.plugins.chaos.probe.failover.FailoverProbe;
import io.jenkins.plugins.chaos.probe.failover.FailoverResult;
import io.jenkins.plugins.chaos.probe.failover.FailoverRun;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ResilienceScore;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.jenkins.plugins.chaos.report.ReportFiles;
import io.jenkins.plugins.chaos.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one experiment end to end: sweep what earlier runs left behind, probe the steady state, inject, probe while the
 * faults are active (the failover stream runs across injection and removal), recover, probe again. Recovery runs in
 * {@code finally}, so an exception or an interrupt (a Jenkins abort) still removes every fault; a stop condition
 * ({@code abortOn: critical}) ends the faults early. Invalid input ({@link InvalidExperimentException}) leaves before
 * anything is applied.
 */
public final class ExperimentRunner {

    static final String FAULT_PROBE = "fault";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /** After the faults are gone the failover stream keeps going this long, to see the primary serve again. */
    private static final Duration RECOVERY_OBSERVATION = Duration.ofSeconds(15);

    private final KubernetesClient client;
    private final RunListener listener;
    private final RunOptions options;

    public ExperimentRunner(KubernetesClient client, RunListener listener, RunOptions options) {
        this.client = client;
        this.listener = listener;
        this.options = options;
    }

    public RunResult run(Experiment experiment) throws InterruptedException {
        List<ValidationError> invalid = ExperimentValidator.validate(experiment);
        if (!invalid.isEmpty()) {
            throw new InvalidExperimentException(invalid);
        }
        String runId = options.runId() != null ? options.runId() : ChaosLabels.newRunId();
        String environment = options.environment() != null ? options.environment() : experiment.getEnvironment();
        Instant started = Instant.now();
        RunSecrets secrets = new RunSecrets(options.secrets());
        RunListener console = secrets.redacting(listener);
        console.info("Chaos run " + runId + ": experiment '" + experiment.getName() + "' in environment '"
                + environment + "'" + (options.dryRun() ? " (dry run: nothing will be applied)" : ""));
        List<String> notes = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        List<FaultRecord> records = new ArrayList<>();
        List<TimelinePoint> timeline = new ArrayList<>();
        AtomicReference<String> abortReason = new AtomicReference<>();
        CountDownLatch abort = new CountDownLatch(1);
        boolean stopOnCritical = "critical".equals(experiment.getAbortOn());
        TenantIsolationSpec isolation = experiment.getProbes().tenantIsolation();
        ProviderFailoverSpec failover = experiment.getProbes().providerFailover();
        boolean faults = !experiment.getFaults().isEmpty();

        if (faults && !options.dryRun()) {
            int swept = new Sweeper(client, console).sweep(null, true, false, started).deleted().size();
            if (swept > 0) {
                notes.add("swept " + swept + " expired chaos resource(s) left behind by earlier runs");
            }
        }
        if (isolation != null && faults && isolation.phases().contains("before")) {
            checks.addAll(isolation(isolation, "before", secrets, console));
        }
        FailoverRun stream = null;
        if (failover != null && !options.dryRun()) {
            String defaultDuration = GoDuration.format(longestFault(experiment).plus(RECOVERY_OBSERVATION));
            console.info("Provider failover: starting the request stream against " + failover.gateway());
            stream = new FailoverProbe(ProbeConfigs.failover(failover, defaultDuration, secrets::resolve), console)
                    .start((check, reason) -> {
                        if (stopOnCritical && abortReason.compareAndSet(null, "failover " + check + ": " + reason)) {
                            console.warn("Stop condition (abortOn: critical): " + reason + "; removing the faults now");
                            abort.countDown();
                        }
                    });
        }
        FaultInjector injector = new FaultInjector(client, console, options.withRunId(runId));
        InjectedFaults injected = null;
        Instant injectStart = Instant.now();
        try {
            if (faults) {
                injected = injector.inject(experiment);
                if (stream != null) {
                    stream.faultInjected(injected.injectedAt());
                }
                if (options.dryRun()) {
                    notes.add("dry run: the API server accepted every resource; nothing was persisted");
                }
            }
            if (isolation != null && (!faults || isolation.phases().contains("during")) && !options.dryRun()) {
                List<CheckResult> during = isolation(isolation, faults ? "during" : null, secrets, console);
                checks.addAll(during);
                if (stopOnCritical && faults && during.stream().anyMatch(c -> c.verdict() == Verdict.CRITICAL)
                        && abortReason.compareAndSet(null, "tenant isolation breach while the fault was active")) {
                    console.warn("Stop condition (abortOn: critical): tenant isolation breach; removing the faults now");
                    abort.countDown();
                }
            }
            if (faults && !options.dryRun()) {
                hold(injected, experiment, abort, console);
            }
        } catch (FaultInjectionException e) {
            console.warn("Fault injection failed: " + e.getMessage());
            checks.add(new CheckResult(FAULT_PROBE, "injection", Verdict.ERROR, secrets.redact(e.getMessage()),
                    List.of("Nothing was left injected: what had been created was removed."), injectStart,
                    Duration.between(injectStart, Instant.now()).toMillis()));
        } catch (InterruptedException | RuntimeException e) {
            if (stream != null) {
                stream.stop("run interrupted");
            }
            throw e;
        } finally {
            if (injected != null && !injected.resources().isEmpty()) {
                List<RecoveryOutcome> outcomes = injector.recover(injected.resources());
                if (stream != null) {
                    stream.faultRemoved(Instant.now());
                }
                records.addAll(merge(injected, outcomes, checks));
            }
        }
        if (stream != null) {
            if (abortReason.get() != null) {
                stream.stop(abortReason.get());
            }
            FailoverResult result = stream.awaitResult();
            checks.addAll(result.checks());
            timeline.addAll(result.timeline());
        }
        if (isolation != null && faults && isolation.phases().contains("after") && !options.dryRun()) {
            checks.addAll(isolation(isolation, "after", secrets, console));
        }
        RunResult scored = new RunResult(experiment.getName(), environment, runId, started, Instant.now(), records,
                checks, timeline, abortReason.get(), notes, experiment.getScoreWeights());
        gate(scored, experiment.getMinScore(), checks, console);
        RunResult result = new RunResult(experiment.getName(), environment, runId, started, Instant.now(), records,
                checks, timeline, abortReason.get(), notes, experiment.getScoreWeights());
        if (options.reportDir() != null) {
            writeReports(result, secrets, console);
        }
        console.info("Run " + runId + " finished: " + result.verdict() + " (" + checks.size() + " check(s): "
                + result.count(Verdict.CRITICAL) + " critical, " + result.count(Verdict.WARNING) + " warning, "
                + result.count(Verdict.ERROR) + " error; " + records.size() + " fault(s))"
                + (result.aborted() ? "; aborted: " + result.abortReason() : "")
                + (result.score().isPresent() ? "; resilience score " + result.score().getAsDouble() + "/100" : ""));
        return result;
    }

    /** The optional quality gate: a score below {@code minScore} makes the run a WARNING (UNSTABLE in Jenkins). */
    private static void gate(RunResult scored, Double minScore, List<CheckResult> checks, RunListener console) {
        if (minScore == null || scored.score().isEmpty()) {
            return;
        }
        double score = scored.score().getAsDouble();
        boolean below = score < minScore;
        checks.add(new CheckResult(ResilienceScore.GATE_PROBE, "resilience score >= " + minScore,
                below ? Verdict.WARNING : Verdict.PASSED, "resilience score " + score + "/100"
                + (below ? " is below minScore " + minScore : " meets minScore " + minScore),
                List.of("weights: " + (scored.scoreWeights().isEmpty() ? "equal" : scored.scoreWeights().toString())),
                Instant.now(), 0));
        if (below) {
            console.warn("Resilience score " + score + "/100 is below minScore " + minScore);
        }
    }

    private void writeReports(RunResult result, RunSecrets secrets, RunListener console) {
        try {
            ReportFiles files = ReportWriter.write(result, Path.of(options.reportDir()), secrets.redactor());
            console.info("Reports: " + files.html() + ", " + files.journal() + ", " + files.junitDir() + "/");
        } catch (IOException e) {
            // The verdict stands without its reports; say so loudly rather than fail a run that did its work.
            console.warn("Could not write the reports to " + options.reportDir() + ": " + e.getMessage());
        }
    }

    private List<CheckResult> isolation(TenantIsolationSpec spec, String phase, RunSecrets secrets, RunListener console)
            throws InterruptedException {
        List<CheckResult> checks = new IsolationProbeSuite(spec, client, console, secrets::resolve).run();
        if (phase == null || spec.phases().size() < 2) {
            return checks;
        }
        // The same check in two phases must stay two test cases and two alert keys.
        List<CheckResult> named = new ArrayList<>();
        for (CheckResult check : checks) {
            named.add(new CheckResult(check.probe(), check.name() + " [" + phase + "]", check.verdict(), check.summary(),
                    check.evidence(), check.startedAt(), check.durationMillis()));
        }
        return named;
    }

    private static Duration longestFault(Experiment experiment) {
        Duration longest = Duration.ZERO;
        for (FaultSpec fault : experiment.getFaults()) {
            Duration d = fault.getDuration() == null ? Duration.ZERO : GoDuration.parse(fault.getDuration()).orElse(Duration.ZERO);
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    /** Keeps the faults in place for their duration, or until a stop condition fires. */
    private void hold(InjectedFaults injected, Experiment experiment, CountDownLatch abort, RunListener console)
            throws InterruptedException {
        Duration longest = longestFault(experiment);
        if (longest.isZero()) {
            return;
        }
        Instant end = injected.injectedAt().plus(longest);
        console.info("Holding " + injected.resources().size() + " fault(s) for " + GoDuration.format(longest));
        Instant nextProgress = Instant.now().plus(PROGRESS_EVERY);
        while (Instant.now().isBefore(end)) {
            long left = Duration.between(Instant.now(), end).toMillis();
            if (abort.await(Math.max(1, Math.min(left, 500)), TimeUnit.MILLISECONDS)) {
                return;
            }
            if (Instant.now().isAfter(nextProgress)) {
                console.info("Faults active, " + GoDuration.format(Duration.ofSeconds(
                        Math.max(0, Duration.between(Instant.now(), end).toSeconds()))) + " left");
                nextProgress = nextProgress.plus(PROGRESS_EVERY);
            }
        }
    }

    private static List<FaultRecord> merge(InjectedFaults injected, List<RecoveryOutcome> outcomes, List<CheckResult> checks) {
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
            checks.add(new CheckResult(FAULT_PROBE, record.name() + " injected and recovered",
                    outcome.recovered() ? Verdict.PASSED : Verdict.ERROR,
                    outcome.recovered() ? ref + " was injected and removed" : ref + ": " + outcome.outcome(),
                    List.of(record.target(), "injected at " + record.injectedAt(), "recovery: " + outcome.outcome()),
                    from, millis));
        }
        return merged;
    }
}
