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
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
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
    /** The phase, persisted; null only in an execution saved before it existed (which then behaves as it did). */
    private InjectLifecycle lifecycle = new InjectLifecycle();
    /** The running body, for an abort that reaches this step rather than the body's own steps (as timeout keeps it). */
    private volatile BodyExecution body;
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

    /**
     * Never {@code super.stop}: that would drop every later block, the cleanup among them. What an abort means depends
     * on the phase; in each case the step ends only after its faults are gone.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        if (lifecycle == null) {
            super.stop(cause);
            return;
        }
        switch (lifecycle.stop(cause)) {
            case END_HOLD -> {
                ScheduledFuture<?> timer = holdTimer;
                if (timer != null) {
                    timer.cancel(false);
                }
                run(() -> {
                    try {
                        endHold("aborted while holding the fault");
                    } finally {
                        getContext().onFailure(cause);
                    }
                });
            }
            case CANCEL_BODY -> {
                BodyExecution running = body;
                if (running != null) {
                    running.cancel(cause);
                }
            }
            case LET_CLEANUP_FINISH -> getContext().get(TaskListener.class).getLogger()
                    .println("chaosInject: the faults are being removed; the step ends when that is done");
            default -> {
                // SETUP_ABORTED: the setup thread rolls back and ends the step; NOTHING: it has ended
            }
        }
    }

    /**
     * Not {@code super.onResume}: it fails the step, without removing anything, whenever the saved program still
     * names a block's thread, which is what a hard restart during setup or cleanup leaves behind.
     */
    @Override
    public void onResume() {
        if (lifecycle == null) {
            super.onResume();
            if (hold != null) {
                armHoldTimer();
            }
            return;
        }
        switch (lifecycle.onResume()) {
            case REARM_HOLD -> armHoldTimer();
            case ROLL_BACK_AND_FAIL -> {
                String during = lifecycle.phase() == InjectLifecycle.Phase.SETUP ? "injecting" : "removing";
                run(() -> afterRestart("the controller restarted while the step was " + during + " the faults"));
            }
            default -> {
                // BODY: the body resumes and its callback cleans up; DONE: nothing left to do
            }
        }
    }

    @Override
    public String getStatus() {
        HoldDeadline current = hold;
        return current == null ? super.getStatus()
                : "holding the faults of run " + runId + " for another " + current.describe(System.currentTimeMillis());
    }

    /** The setup or cleanup thread died with the controller: remove whatever the run left (by its label too) and fail. */
    private void afterRestart(String why) throws IOException, InterruptedException {
        lifecycle.removing();
        getContext().saveState();
        if (runId != null) {
            endHold(why);
        }
        lifecycle.ended();
        throw new AbortException("chaosInject: " + why + (runId == null ? "; nothing had been injected"
                : "; the faults of run " + runId + " were removed after the restart"));
    }

    private void setUp() throws Exception {
        lifecycle.setupRunsOn(Thread.currentThread());
        StepContext context = getContext();
        try {
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = context.get(FilePath.class);
            ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
            ConsoleRunListener console = new ConsoleRunListener(listener, credentials.redactor());
            try {
                inject(context, workspace, credentials, console, run);
            } catch (Exception e) {
                Throwable abort = lifecycle.abortCause();
                lifecycle.ended();
                if (abort != null) {
                    // an abort interrupted the setup, which removed what it had injected: end with the abort's cause
                    context.onFailure(abort);
                    return;
                }
                if (e instanceof InterruptedException || e instanceof AbortException) {
                    throw e;
                }
                listener.getLogger().println(MaskedFailure.stackTrace(e, credentials.redactor()));
                throw new AbortException(step.functionName() + ": " + MaskedFailure.message(e, credentials.redactor()));
            }
        } finally {
            lifecycle.setupEnded();
            // an abort's interrupt must not reach the next task of Jenkins' pool thread
            Thread.interrupted();
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
            lifecycle.removing();
            rollBack(workspace, credentials, console, "setup did not complete: " + Messages.firstLine(e.getMessage()));
            throw e;
        }
        resources.addAll(injected.resources());
        result = summary(injected);
        context.saveState();
        for (FaultRecord fault : injected.records()) {
            console.info("injected " + fault.kind() + " " + fault.namespace() + "/" + fault.resource() + " -> " + fault.target());
        }
        // the plan's hold: the longest fault's duration (a manifest's too) within the experiment's and the global cap
        Duration holdFor = plan.hold(step.isDryRun());
        boolean entered;
        if (context.hasBody()) {
            // under the lock that stop() takes: an abort either comes first (no body) or finds the body to cancel
            entered = lifecycle.enter(InjectLifecycle.Phase.BODY,
                    () -> body = context.newBodyInvoker().withCallback(new Cleanup()).start());
        } else if (!holdFor.isZero()) {
            entered = lifecycle.enter(InjectLifecycle.Phase.HOLD,
                    () -> hold = HoldDeadline.after(holdFor, System.currentTimeMillis()));
        } else {
            entered = lifecycle.enter(InjectLifecycle.Phase.CLEANUP, () -> { });
            if (entered) {
                rollBack(workspace, credentials, console, step.isDryRun() ? "dry run: nothing to hold" : "no fault duration to hold");
                lifecycle.ended();
                context.onSuccess(result);
                return;
            }
        }
        if (!entered) {
            lifecycle.removing();
            rollBack(workspace, credentials, console, "aborted before the body started");
            throw new AbortException("chaosInject: aborted before the body started; its faults were removed");
        }
        context.saveState();
        if (hold != null) {
            console.info("holding the fault for " + hold.describe(System.currentTimeMillis()));
            armHoldTimer();
        }
    }

    private void armHoldTimer() {
        HoldDeadline current = hold;
        holdTimer = Timer.get().schedule(() -> {
            // an abort may have ended the hold already: only one of them removes the faults and ends the step
            if (lifecycle == null || lifecycle.holdOver()) {
                run(() -> {
                    endHold("fault duration over");
                    getContext().onSuccess(result);
                });
            }
        }, current.remainingMillis(System.currentTimeMillis()), TimeUnit.MILLISECONDS);
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
        if (lifecycle != null) {
            lifecycle.ended();
        }
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
            if (lifecycle != null) {
                // a restart from here on removes the faults again on resume instead of failing without cleanup
                lifecycle.removing();
                context.saveState();
            }
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
            try {
                // the workspace lookup itself fails when the agent is gone: that is the fallback's case, not an error
                masked(listener, credentials, () -> rollBack(AgentWorkspace.of(context), credentials,
                        new ConsoleRunListener(listener, credentials.redactor()), "body finished"));
            } finally {
                if (lifecycle != null) {
                    lifecycle.ended();
                }
            }
        }
    }
}
