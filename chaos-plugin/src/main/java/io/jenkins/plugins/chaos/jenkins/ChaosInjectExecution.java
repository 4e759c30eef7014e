package io.jenkins.plugins.chaos.jenkins;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.GoDuration;
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
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * {@code chaosInject}. What must be undone is kept as {@link ChaosResourceRef}s in this (serialized) execution, and
 * the credentials are looked up again at cleanup time rather than stored, so that cleanup also works after a
 * controller restart. An abort during setup is rolled back here, before any body starts.
 *
 * <p>This object is written into the build's {@code program.dat} (workflow-support's RiverWriter) for as long as the
 * body runs: it holds credential ids and resource references only, never a secret. The run options carry the
 * redactor, which holds the kubeconfig and the tokens, so they are transient and built again from the credentials
 * resolved at cleanup time.
 */
final class ChaosInjectExecution extends GeneralNonBlockingStepExecution {
    private static final long serialVersionUID = 1L;

    private final ChaosInjectStep step;
    private String runId;
    private final List<ChaosResourceRef> resources = new ArrayList<>();
    private transient RunOptions options;
    private transient volatile boolean stopping;

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
        // read by setUp: an abort that arrives after injection finished but before the body starts
        stopping = true;
        super.stop(cause);
    }

    private void setUp() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
        ConsoleRunListener console = new ConsoleRunListener(listener, credentials.redactor());
        ExperimentPlan plan = StepSupport.loadPlan(step, workspace, credentials,
                EngineBridge.planLimits(ChaosGlobalConfiguration.get().toSettings()));
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
        try {
            Duration hold = plan.hold(step.isDryRun());
            console.info("holding the fault for " + GoDuration.format(hold));
            Thread.sleep(hold.toMillis());
        } finally {
            rollBack(workspace, credentials, console, "fault duration over");
        }
        context.onSuccess(summary(injected));
    }

    /**
     * Removes this run's chaos resources from the agent, or from the controller itself when the agent cannot be
     * reached; runs with the interrupt flag cleared so that an abort does not also abort the cleanup.
     */
    private void rollBack(FilePath workspace, ResolvedCredentials credentials, ConsoleRunListener console, String why)
            throws IOException, InterruptedException {
        boolean interrupted = Thread.interrupted();
        try {
            console.info("removing the faults of run " + runId + " (" + why + ")");
            // null after a controller restart: the options were not persisted with the program (they hold secrets)
            RunOptions current = options != null ? options
                    : EngineBridge.runOptions(null, step.isDryRun(), step.getEnvironment(), credentials.redactor(), runId);
            RecoverCallable recover = new RecoverCallable(runId, resources, current, credentials, console);
            try {
                if (workspace == null) {
                    throw new IOException("no workspace");
                }
                workspace.act(recover);
            } catch (IOException e) {
                console.warn("agent not reachable (" + Messages.firstLine(e.getMessage()) + "); removing the faults from the controller");
                recover.call();
            }
            resources.clear();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> summary(InjectedFaults injected) {
        Map<String, Object> summary = new LinkedHashMap<>();
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
            FilePath workspace = context.get(FilePath.class);
            ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
            rollBack(workspace, credentials, new ConsoleRunListener(listener, credentials.redactor()), "body finished");
        }
    }
}
