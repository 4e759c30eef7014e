package io.jenkins.plugins.chaos.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.JUnitResultArchiver;
import hudson.tasks.junit.TestResultSummary;
import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.tasks.test.PipelineTestDetails;
import hudson.triggers.TimerTrigger;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.report.ReportWriter;
import io.jenkins.plugins.chaos.verdict.BuildOutcome;
import io.jenkins.plugins.chaos.verdict.FailOn;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs a probe step: builds and validates the experiment on the controller, runs it on the agent (which pages Slack
 * and PagerDuty as each check is judged), publishes the JUnit XML through the junit plugin, attaches the build action,
 * publishes the scenario badge where the embeddable-build-status plugin is installed, records the metrics and turns
 * the verdict into the build result.
 */
final class ProbeStepExecution extends GeneralNonBlockingStepExecution {
    private static final long serialVersionUID = 1L;

    /**
     * The junit plugin aborts the step when a pattern matches no file or the files hold no test case and this is
     * false (hudson.tasks.junit.JUnitParser, JUnitResultArchiver.parseAndSummarize). Kept false, so that a probe whose
     * reports went missing fails loudly; a run without checks (a dry run) publishes no JUnit at all instead.
     */
    static final boolean ALLOW_EMPTY_RESULTS = false;

    private final ChaosProbeStep step;

    ProbeStepExecution(ChaosProbeStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    /** In the job's directory: the rotating pair coverage's state, per experiment and environment. */
    static final String STATE_DIR = "chaos-state";

    /** Beside the report directory in the workspace: the agent's copy of the job's open incidents, during a run. */
    static final String ALERT_STATE_SUFFIX = "-alert-state.json";

    @Override
    public boolean start() {
        run(this::probe);
        return false;
    }

    private void probe() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        ResolvedCredentials credentials = CredentialResolver.resolve(run, step.getKubeconfigCredentialsId(), step.stringCredentialIds());
        ChaosGlobalConfiguration global = ChaosGlobalConfiguration.get();
        AlertTargets alerts = liveAlerts(run, listener, credentials, global);
        // the webhook and the routing key are masked like the kubeconfig and the tokens, in the console and the reports
        SecretRedactor secrets = credentials.redactor().with(EngineBridge.alertRedactor(alerts));
        try {
            probe(context, run, listener, credentials, global, alerts, secrets);
        } catch (InterruptedException | AbortException e) {
            throw e;
        } catch (Exception e) {
            // Jenkins would print this one with its stack trace, unmasked: print it masked and fail with its first line
            listener.getLogger().println(MaskedFailure.stackTrace(e, secrets));
            throw new AbortException(step.functionName() + ": " + MaskedFailure.message(e, secrets));
        }
    }

    /**
     * The administrator's Slack and PagerDuty channels for this build, resolved as the system on the controller and
     * checked before anything is applied. Whatever goes wrong here (a credential the system cannot find, a malformed
     * webhook) must not cost the run: it goes without live alerts and the console says why. None in a dry run, which
     * judges nothing.
     */
    private AlertTargets liveAlerts(Run<?, ?> run, TaskListener listener, ResolvedCredentials credentials,
                                    ChaosGlobalConfiguration global) {
        if (step.isDryRun()) {
            return null;
        }
        try {
            AlertTargets targets = global.alertTargets(run, null);
            EngineBridge.alertRedactor(targets);
            return targets.any() ? targets : null;
        } catch (IOException | RuntimeException | LinkageError e) {
            new ConsoleRunListener(listener, credentials.redactor()).warn("alerts are off for this run: "
                    + MaskedFailure.message(e, credentials.redactor()) + "; the run goes on, and nobody is paged for it");
            return null;
        }
    }

    private void probe(StepContext context, Run<?, ?> run, TaskListener listener, ResolvedCredentials credentials,
                       ChaosGlobalConfiguration global, AlertTargets alerts, SecretRedactor secrets) throws Exception {
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        FlowNode node = context.get(FlowNode.class);
        // env: references resolve against the step's environment (withEnv, withCredentials), not the agent JVM's
        EnvVars environment = context.get(EnvVars.class);
        FailOn failOn = FailOn.parse(step.getFailOn());
        ChaosRunSettings settings = global.toSettings();

        ConsoleRunListener console = new ConsoleRunListener(listener, secrets);
        ExperimentPlan plan = StepSupport.loadPlan(step, workspace, credentials, EngineBridge.planLimits(settings, environment));
        String runId = RunIds.forBuild(run.getExternalizableId());
        FilePath reportDir = workspace.child(step.effectiveReportDir());
        if (!ReportDirectory.strictlyInside(workspace.getRemote(), reportDir.getRemote())) {
            throw new AbortException("reportDir: '" + step.effectiveReportDir() + "' resolves to " + reportDir.getRemote()
                    + ", not inside the workspace " + workspace.getRemote() + "; use " + ReportDirectory.ALLOWED);
        }
        if (reportDir.exists()) {
            reportDir.deleteRecursive();
        }
        reportDir.mkdirs();
        // The rotating pair coverage remembers its place in the job's directory on the controller (a workspace may
        // be wiped or on another agent); the run reads and writes a copy next to the report directory.
        FilePath jobState = new FilePath(new File(run.getParent().getRootDir(), STATE_DIR));
        FilePath runState = workspace.child(step.effectiveReportDir() + "-state");
        copyState(jobState, runState);
        RunOptions options = EngineBridge.runOptions(reportDir.getRemote(), step.isDryRun(), step.getEnvironment(),
                secrets, runId, environment).withStateDir(runState.getRemote());

        // The open incidents live on the controller; the agent's dispatcher works on a copy beside the reports
        FilePath agentAlertState = workspace.child(step.effectiveReportDir() + ALERT_STATE_SUFFIX);
        Path controllerAlertState = alerts == null ? null : Path.of(alerts.stateFile());
        String alertState = null;
        AlertTargets agentAlerts = null;
        if (alerts != null) {
            try {
                alertState = AlertStateCopy.read(controllerAlertState);
                agentAlerts = alerts.forRun(options.environment() != null ? options.environment() : plan.environment(),
                        agentAlertState.getRemote());
                console.info("alerts: " + channels(alerts) + ", sent from the agent as each check is judged");
            } catch (IOException e) {
                // a run that cannot see the open incidents would resolve none of them and page them all again
                console.warn("alerts are off for this run: " + MaskedFailure.message(e, secrets)
                        + "; the run goes on, and nobody is paged for it");
            }
        }

        console.info(step.functionName() + ": run " + runId + " on " + workspace.getRemote() + (step.isDryRun() ? " (dry run)" : ""));
        ProbeRun probeRun;
        try {
            probeRun = workspace.act(new RunExperimentCallable(plan, options, credentials, agentAlerts, alertState, console));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (agentAlerts != null) {
                // a page accepted before the abort must still be resolved by a later run
                keepAlertStateOf(agentAlertState, controllerAlertState, alertState, console, secrets);
            }
            throw e;
        }
        RunResult result = probeRun.result();
        copyState(runState, jobState);
        if (agentAlerts != null && probeRun.alertState() != null) {
            saveAlertState(controllerAlertState, alertState, probeRun.alertState(), console, secrets);
        }

        String checks;
        if (publishesJUnit(result)) {
            TestResultSummary tests = publishJUnit(run, workspace, launcher, listener, node);
            checks = tests.getTotalCount() + " checks, " + tests.getFailCount() + " failed";
        } else {
            console.info("no checks ran" + (step.isDryRun() ? " (dry run: nothing was probed)" : "") + "; no JUnit report to publish");
            checks = "no checks";
        }
        boolean scheduled = run.getCause(TimerTrigger.TimerTriggerCause.class) != null;
        // parallel branches finish together: the name is chosen and the page attached under the build's lock
        String chaosPage = ChaosPages.claim(run, () -> pageNames(run), name -> run.addAction(new ChaosRunAction(name,
                step.functionName(), result, step.effectiveReportDir(), scheduled, step.getDeadManThresholdMinutes())));
        // before the outcome: a FAILURE ends the step with an exception, and the badge must show that run too
        ScenarioBadges.publish(run, step.getBadge(), step.isDryRun(), result, chaosPage, console);
        // after the verdict, the JUnit results and the build page exist: an output's failure cannot lose them. The
        // alerts already went out on the agent; the metrics count what they delivered.
        GuardedOutputs.publish(console, secrets, () -> EngineBridge.publishMetrics(result, probeRun.alerts(),
                settings.pushgatewayUrl(), "chaos-" + run.getParent().getFullName(), console));

        BuildOutcome outcome = BuildOutcome.decide(result.verdict(), failOn, result.experiment(), result.count(Verdict.CRITICAL),
                result.count(Verdict.ERROR), result.count(Verdict.WARNING));
        console.info(outcome.message() + " (" + checks + "; failOn: " + failOn.argument() + ")");
        switch (outcome.effect()) {
            case FAILURE -> throw new AbortException(outcome.message());
            case UNSTABLE -> {
                node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(outcome.message()));
                run.setResult(Result.UNSTABLE);
            }
            case NONE -> {
            }
        }
        context.onSuccess(summary(result, runId));
    }

    private static String channels(AlertTargets alerts) {
        List<String> on = new ArrayList<>();
        if (alerts.pagerDutyRoutingKey() != null) {
            on.add("PagerDuty");
        }
        if (alerts.slackWebhookUrl() != null) {
            on.add("Slack");
        }
        return String.join(" and ", on);
    }

    private static void saveAlertState(Path controller, String base, String text, ConsoleRunListener console,
                                       SecretRedactor secrets) {
        try {
            AlertStateCopy.saveMerged(controller, base, text);
        } catch (IOException e) {
            console.warn("the open incidents were not saved (" + MaskedFailure.message(e, secrets)
                    + "); a later passing run may not resolve this run's pages");
        }
    }

    /** After a failed or aborted run: whatever state the agent's dispatcher wrote, if the agent can still be read. */
    private static void keepAlertStateOf(FilePath agent, Path controller, String base, ConsoleRunListener console,
                                         SecretRedactor secrets) {
        try {
            if (agent.exists()) {
                AlertStateCopy.saveMerged(controller, base, agent.readToString());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            console.warn("the open incidents of this run could not be brought back from the agent ("
                    + MaskedFailure.message(e, secrets) + "); a later passing run may not resolve its pages");
        }
    }

    private static List<String> pageNames(Run<?, ?> run) {
        List<String> names = new ArrayList<>();
        for (ChaosRunAction action : run.getActions(ChaosRunAction.class)) {
            names.add(action.getUrlName());
        }
        return names;
    }

    /** The state files (JSON, no secrets) from one directory to another; small, so as strings. */
    private static void copyState(FilePath from, FilePath to) throws IOException, InterruptedException {
        if (!from.exists()) {
            return;
        }
        to.mkdirs();
        for (FilePath file : from.list()) {
            if (file.getName().endsWith(".json")) {
                to.child(file.getName()).write(file.readToString(), "UTF-8");
            }
        }
    }

    /**
     * Whether the engine wrote JUnit files with test cases for this run: one file per probe, one case per check. A
     * dry run and a run whose probes produced no check write none, and the junit step must then not be called.
     */
    static boolean publishesJUnit(RunResult result) {
        return !result.checks().isEmpty();
    }

    /** The junit step's {@code testResults}: the files the engine's ReportWriter writes, relative to the workspace. */
    static String junitPattern(String reportDir) {
        return reportDir + "/" + ReportWriter.JUNIT_DIR + "/*.xml";
    }

    private TestResultSummary publishJUnit(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener,
                                           FlowNode node) throws Exception {
        JUnitResultArchiver archiver = new JUnitResultArchiver(junitPattern(step.effectiveReportDir()));
        archiver.setAllowEmptyResults(ALLOW_EMPTY_RESULTS);
        archiver.setKeepProperties(true);
        archiver.setSkipPublishingChecks(true);
        // the verdict, not the number of failed testcases, decides the result (a WARNING passes in JUnit terms)
        archiver.setSkipMarkingBuildUnstable(true);
        // stage and parallel-branch attribution, exactly as the junit step records it for its own results
        List<FlowNode> enclosing = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
        PipelineTestDetails details = new PipelineTestDetails();
        details.setNodeId(node.getId());
        details.setEnclosingBlocks(JUnitResultsStepExecution.getEnclosingBlockIds(enclosing));
        details.setEnclosingBlockNames(JUnitResultsStepExecution.getEnclosingBlockNames(enclosing));
        return JUnitResultArchiver.parseAndSummarize(archiver, details, run, workspace, launcher, listener);
    }

    /** The step's return value: plain, serializable, no secrets. */
    static Map<String, Object> summary(RunResult result, String runId) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("runId", runId);
        summary.put("experiment", result.experiment());
        summary.put("verdict", result.verdict().name());
        summary.put("passed", result.count(Verdict.PASSED));
        summary.put("warnings", result.count(Verdict.WARNING));
        summary.put("errors", result.count(Verdict.ERROR));
        summary.put("critical", result.count(Verdict.CRITICAL));
        return summary;
    }
}
