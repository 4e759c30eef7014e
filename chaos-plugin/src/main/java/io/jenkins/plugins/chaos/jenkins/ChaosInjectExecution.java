package io.jenkins.plugins.chaos.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code chaosInject}. What must be undone is kept as {@link ChaosResourceRef}s in this (serialized) execution, and
 * the credentials are looked up again at cleanup time rather than stored, so that cleanup also works after a
 * controller restart. An abort during setup is rolled back here, before any body starts. Without a body the faults
 * are held by a timer, not a sleeping thread (as {@code sleep} does): no thread blocks a safe restart, and the
 * persisted deadline re-arms the timer in {@link #onResume}.
 *
 * <p>This object is written into the build's {@code program.dat} (workflow-support's RiverWriter) for as long as the
 * body or the hold runs: it holds credential ids and resource references only, never a secret. The run options carry the
 * redactor, which holds the kubeconfig and the tokens, so they are transient and built again from the credentials
 * resolved at cleanup time.
 */
final class ChaosInjectExecution extends GeneralNonBlockingStepExecution {
    private static final long serialVersionUID = 1L;

    private final ChaosInjectStep step;
    private String runId;
    private final List<ChaosResourceRef> resources = new ArrayList<>();
    /** Set while a body-less step holds its faults; null otherwise. */
    private HoldDeadline hold;
    /** The step's return value, kept for the end of the hold. */
    private LinkedHashMap<String, Object> result;
    private transient RunOptions options;
    private transient volatile boolean stopping;
    private transient volatile ScheduledFuture<?> holdTimer;

    ChaosInjectExecution(ChaosInjectStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() {
        run(this::setUp);
        return false;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        ScheduledFuture<?> timer = holdTimer;
        if (hold != null && timer != null) {
            // holding: no background thread to interrupt; remove the faults, then end the step with the cause
            timer.cancel(false);
            run(() -> {
                try {
                    endHold("aborted while holding the fault");
                } finally {
                    getContext().onFailure(cause);
                }
            });
            return;
        }
        // read by setUp: an abort that arrives after injection finished but before the body starts
        stopping = true;
        super.stop(cause);
    }

    @Override
    public void onResume() {
        super.onResume();
        if (hold != null) {
            armHoldTimer();
        }
    }

    @Override
    public String getStatus() {
        HoldDeadline current = hold;
        return current == null ? super.getStatus()
                : "holding the faults of run " + runId + " for another " + current.describe(System.currentTimeMillis());
    }

    private void setUp() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
        ConsoleRunListener console = new ConsoleRunListener(listener, credentials.redactor());
        try {
            inject(context, workspace, credentials, console, run);
        } catch (InterruptedException | AbortException e) {
            throw e;
        } catch (Exception e) {
            listener.getLogger().println(MaskedFailure.stackTrace(e, credentials.redactor()));
            throw new AbortException(step.functionName() + ": " + MaskedFailure.message(e, credentials.redactor()));
        }
    }

    private void inject(StepContext context, FilePath workspace, ResolvedCredentials credentials, ConsoleRunListener console,
                        Run<?, ?> run) throws Exception {
        // env: references in the experiment are checked against the step's environment, not the agent JVM's
        ExperimentPlan plan = StepSupport.loadPlan(step, workspace, credentials,
                EngineBridge.planLimits(ChaosGlobalConfiguration.get().toSettings(), context.get(EnvVars.class)));
        runId = RunIds.forBuild(run.getExternalizableId());
        options = EngineBridge.runOptions(null, step.isDryRun(), step.getEnvironment(), credentials.redactor(), runId);
        context.saveState();

        InjectedFaults injected;
        try {
            injected = workspace.act(new InjectCallable(plan, options, credentials, console));
        } catch (InterruptedException | IOException | RuntimeException e) {
            rollBack(workspace, credentials, console, "setup did not complete: " + Messages.firstLine(e.getMessage()));
            throw e;
        }
        resources.addAll(injected.resources());
        result = summary(injected);
        context.saveState();
        for (FaultRecord fault : injected.records()) {
            console.info("injected " + fault.kind() + " " + fault.namespace() + "/" + fault.resource() + " -> " + fault.target());
        }
        if (stopping || Thread.currentThread().isInterrupted()) {
            rollBack(workspace, credentials, console, "aborted before the body started");
            return;
        }
        if (context.hasBody()) {
            context.newBodyInvoker().withCallback(new Cleanup()).start();
            return;
        }
        // the plan's hold: the longest fault's duration (a manifest's too) within the experiment's and the global cap
        Duration holdFor = plan.hold(step.isDryRun());
        if (holdFor.isZero()) {
            rollBack(workspace, credentials, console, step.isDryRun() ? "dry run: nothing to hold" : "no fault duration to hold");
            context.onSuccess(result);
            return;
        }
        hold = HoldDeadline.after(holdFor, System.currentTimeMillis());
        context.saveState();
        console.info("holding the fault for " + hold.describe(System.currentTimeMillis()));
        armHoldTimer();
    }

    private void armHoldTimer() {
        HoldDeadline current = hold;
        holdTimer = Timer.get().schedule(() -> run(() -> {
            endHold("fault duration over");
            getContext().onSuccess(result);
        }), current.remainingMillis(System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    /** Looks everything up again (the hold may have outlived a restart and the agent) and removes the faults. */
    private void endHold(String why) throws IOException, InterruptedException {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
        masked(listener, credentials, () -> rollBack(AgentWorkspace.of(context), credentials,
                new ConsoleRunListener(listener, credentials.redactor()), why));
        hold = null;
        holdTimer = null;
    }

    @FunctionalInterface
    private interface Removal {
        void run() throws IOException, InterruptedException;
    }

    /**
     * A cleanup failure becomes an AbortException with the masked first line (after the masked stack trace): after a
     * failed body Jenkins adds it to the body's exception as suppressed and prints that with every stack trace.
     */
    private static void masked(TaskListener listener, ResolvedCredentials credentials, Removal removal)
            throws IOException, InterruptedException {
        try {
            removal.run();
        } catch (InterruptedException | AbortException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            listener.getLogger().println(MaskedFailure.stackTrace(e, credentials.redactor()));
            throw new AbortException("chaosInject: removing the faults failed: " + MaskedFailure.message(e, credentials.redactor()));
        }
    }

    /**
     * Removes this run's chaos resources from the agent, or from the controller itself when the agent cannot be
     * reached; runs with the interrupt flag cleared so that an abort does not also abort the cleanup. The controller
     * acts only with the step's own kubeconfig credential (never its own service account or ~/.kube/config) and only
     * on resources it can see are ours.
     */
    private void rollBack(FilePath workspace, ResolvedCredentials credentials, ConsoleRunListener console, String why)
            throws IOException, InterruptedException {
        boolean interrupted = Thread.interrupted();
        try {
            console.info("removing the faults of run " + runId + " (" + why + ")");
            // null after a controller restart: the options were not persisted with the program (they hold secrets)
            RunOptions current = options != null ? options
                    : EngineBridge.runOptions(null, step.isDryRun(), step.getEnvironment(), credentials.redactor(), runId);
            try {
                if (workspace == null) {
                    throw new IOException("the agent of this step is offline");
                }
                workspace.act(new RecoverCallable(runId, resources, current, credentials, console, false));
            } catch (IOException e) {
                String reason = Messages.firstLine(e.getMessage());
                if (credentials.kubeconfig() == null) {
                    console.warn("CRITICAL: agent not reachable (" + reason + ") and the step names no kubeconfigCredentialsId:"
                            + " the controller does not remove faults with its own identity. The faults of run " + runId
                            + " stay until their duration ends or the expiry sweep removes them: " + resources);
                    throw new AbortException("chaosInject: the faults of run " + runId + " could not be removed (" + reason + ")");
                }
                console.warn("agent not reachable (" + reason + "); removing the faults from the controller");
                new RecoverCallable(runId, resources, current, credentials, console, true).call();
            }
            resources.clear();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LinkedHashMap<String, Object> summary(InjectedFaults injected) {
        LinkedHashMap<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", injected.runId());
        List<String> refs = new ArrayList<>();
        for (ChaosResourceRef ref : injected.resources()) {
            refs.add(ref.kind() + " " + ref.namespace() + "/" + ref.name());
        }
        summary.put("resources", refs);
        summary.put("dryRun", step.isDryRun());
        return summary;
    }

    /** Removes the faults when the body ends: success, failure or abort. Serialized with the program, so it survives a restart. */
    private final class Cleanup extends TailCall {
        private static final long serialVersionUID = 1L;

        @Override
        protected void finished(StepContext context) throws Exception {
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
            // the workspace lookup itself fails when the agent is gone: that is the fallback's case, not an error
            masked(listener, credentials, () -> rollBack(AgentWorkspace.of(context), credentials,
                    new ConsoleRunListener(listener, credentials.redactor()), "body finished"));
        }
    }
}
