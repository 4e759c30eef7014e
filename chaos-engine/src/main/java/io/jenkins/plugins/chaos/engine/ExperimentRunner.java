package io.jenkins.plugins.chaos.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.GoDuration;
import io.jenkins.plugins.chaos.fault.ChaosLabels;
import io.jenkins.plugins.chaos.fault.ChaosResourceRef;
import io.jenkins.plugins.chaos.fault.FaultInjectionException;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.fault.RecoveryOutcome;
import io.jenkins.plugins.chaos.fault.Sweeper;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one experiment end to end: sweep what earlier runs left behind, inject, hold the faults while they do their
 * work, and recover in {@code finally}, so that an exception or an interrupt (a Jenkins abort) still removes every
 * fault. Invalid input ({@link io.jenkins.plugins.chaos.experiment.InvalidExperimentException}) leaves before anything
 * is applied.
 */
public final class ExperimentRunner {

    static final String FAULT_PROBE = "fault";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final RunListener listener;
    private final RunOptions options;

    public ExperimentRunner(KubernetesClient client, RunListener listener, RunOptions options) {
        this.client = client;
        this.listener = listener;
        this.options = options;
    }

    public RunResult run(Experiment experiment) throws InterruptedException {
        String runId = options.runId() != null ? options.runId() : ChaosLabels.newRunId();
        String environment = options.environment() != null ? options.environment() : experiment.getEnvironment();
        Instant started = Instant.now();
        listener.info("Chaos run " + runId + ": experiment '" + experiment.getName() + "' in environment '"
                + environment + "'" + (options.dryRun() ? " (dry run: nothing will be applied)" : ""));
        List<String> notes = new ArrayList<>();
        if (!options.dryRun()) {
            int swept = new Sweeper(client, listener).sweep(null, true, false, started).deleted().size();
            if (swept > 0) {
                notes.add("swept " + swept + " expired chaos resource(s) left behind by earlier runs");
            }
        }
        FaultInjector injector = new FaultInjector(client, listener, options.withRunId(runId));
        List<CheckResult> checks = new ArrayList<>();
        List<FaultRecord> records = new ArrayList<>();
        InjectedFaults injected = null;
        Instant injectStart = Instant.now();
        try {
            injected = injector.inject(experiment);
            if (options.dryRun()) {
                notes.add("dry run: the API server accepted every resource; nothing was persisted");
            } else {
                hold(injected, experiment);
            }
        } catch (FaultInjectionException e) {
            listener.warn("Fault injection failed: " + e.getMessage());
            checks.add(new CheckResult(FAULT_PROBE, "injection", Verdict.ERROR, e.getMessage(),
                    List.of("Nothing was left injected: what had been created was removed."), injectStart,
                    Duration.between(injectStart, Instant.now()).toMillis()));
        } finally {
            if (injected != null && !injected.resources().isEmpty()) {
                List<RecoveryOutcome> outcomes = injector.recover(injected.resources());
                records.addAll(merge(injected, outcomes, checks));
            }
        }
        RunResult result = new RunResult(experiment.getName(), environment, runId, started, Instant.now(), records,
                checks, List.of(), null, notes);
        listener.info("Run " + runId + " finished: " + result.verdict() + " (" + checks.size() + " check(s), "
                + records.size() + " fault(s))");
        return result;
    }

    /** Keeps the faults in place for their duration; Chaos Mesh's own duration ends them at the same time. */
    private void hold(InjectedFaults injected, Experiment experiment) throws InterruptedException {
        Duration longest = Duration.ZERO;
        for (var fault : experiment.getFaults()) {
            Duration d = fault.getDuration() == null ? Duration.ZERO : GoDuration.parse(fault.getDuration()).orElse(Duration.ZERO);
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        if (longest.isZero()) {
            return;
        }
        Instant end = injected.injectedAt().plus(longest);
        listener.info("Holding " + injected.resources().size() + " fault(s) for " + GoDuration.format(longest));
        Instant nextProgress = Instant.now().plus(PROGRESS_EVERY);
        while (Instant.now().isBefore(end)) {
            long left = Duration.between(Instant.now(), end).toMillis();
            Thread.sleep(Math.max(1, Math.min(left, 500)));
            if (Instant.now().isAfter(nextProgress)) {
                listener.info("Faults active, " + GoDuration.format(Duration.ofSeconds(
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
