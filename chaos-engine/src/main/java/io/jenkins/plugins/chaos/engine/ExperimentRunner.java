package io.jenkins.plugins.chaos.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.alert.AlertDispatcher;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.verdict.RunResult;

/**
 * Runs one validated experiment end to end: sweep what earlier runs left behind, probe the steady state, start the
 * failover stream, inject and hold, recover, probe again, score, write the reports. Recovery runs in {@code finally},
 * so an exception or an interrupt (a Jenkins abort) still removes every fault; a stop condition
 * ({@code abortOn: critical}) ends the faults early. The plan was validated when it was made: nothing here checks the
 * experiment again, and the cluster's own checks (namespaces, CRD schemas) run before anything is applied.
 */
public final class ExperimentRunner {

    private final KubernetesClient client;
    private final RunListener listener;
    private final RunOptions options;
    private final AlertSettings alerts;
    private volatile AlertOutcome alertOutcome;

    public ExperimentRunner(KubernetesClient client, RunListener listener, RunOptions options) {
        this(client, listener, options, null);
    }

    /**
     * @param alerts where alerts go while the run runs (a CRITICAL pages as soon as it is judged); null alerts
     *               nobody, and {@link RunPublisher} may still dispatch the finished run
     */
    public ExperimentRunner(KubernetesClient client, RunListener listener, RunOptions options, AlertSettings alerts) {
        this.client = client;
        this.listener = listener;
        this.options = options;
        this.alerts = options.dryRun() ? null : alerts;
    }

    /** What the live alerts of the last {@link #run} sent; null when this runner alerts nobody. */
    public AlertOutcome alertOutcome() {
        return alertOutcome;
    }

    public RunResult run(ExperimentPlan plan) throws InterruptedException {
        try (AlertDispatcher dispatcher = alerts == null ? null : new AlertDispatcher(alerts, listener)) {
            return run(plan, dispatcher);
        }
    }

    private RunResult run(ExperimentPlan plan, AlertDispatcher dispatcher) throws InterruptedException {
        RunSession run = new RunSession(plan, client, listener, options, dispatcher);
        run.sweepLeftovers();
        run.probeIsolationBefore();
        try {
            run.writeCanaries();
            run.startFailoverStream();
            try {
                run.injectAndHold();
            } catch (InterruptedException | RuntimeException e) {
                run.stopFailoverStream("run interrupted");
                throw e;
            } finally {
                run.recover();
            }
            run.awaitFailoverStream();
            run.probeIsolationAfter();
            run.verifyCanariesAfter();
        } finally {
            run.deleteCanaries();
        }
        RunResult result = run.result();
        run.writeReports(result);
        run.announce(result);
        alertOutcome = run.finishAlerts(result);
        return result;
    }
}
