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
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.report.ReportWriter;
import io.jenkins.plugins.chaos.verdict.BuildOutcome;
import io.jenkins.plugins.chaos.verdict.FailOn;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Runs a probe step: builds and validates the experiment on the controller, runs it on the agent, publishes the
 * JUnit XML through the junit plugin, attaches the build action, publishes the scenario badge where the
 * embeddable-build-status plugin is installed and turns the verdict into the build result.
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
        try {
            probe(context, run, listener, credentials);
        } catch (InterruptedException | AbortException e) {
            throw e;
        } catch (Exception e) {
            // Jenkins would print this one with its stack trace, unmasked: print it masked and fail with its first line
            listener.getLogger().println(MaskedFailure.stackTrace(e, credentials.redactor()));
            throw new AbortException(step.functionName() + ": " + MaskedFailure.message(e, credentials.redactor()));
        }
    }

    private void probe(StepContext context, Run<?, ?> run, TaskListener listener, ResolvedCredentials credentials)
            throws Exception {
        FilePath workspace = context.get(FilePath.class);
        Launcher launcher = context.get(Launcher.class);
        FlowNode node = context.get(FlowNode.class);
        // env: references resolve against the step's environment (withEnv, withCredentials), not the agent JVM's
        EnvVars environment = context.get(EnvVars.class);
        FailOn failOn = FailOn.parse(step.getFailOn());
        ChaosGlobalConfiguration global = ChaosGlobalConfiguration.get();
        ChaosRunSettings settings = global.toSettings();

        ConsoleRunListener console = new ConsoleRunListener(listener, credentials.redactor());
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
                credentials.redactor(), runId, environment).withStateDir(runState.getRemote());

        console.info(step.functionName() + ": run " + runId + " on " + workspace.getRemote() + (step.isDryRun() ? " (dry run)" : ""));
        RunResult result = workspace.act(new RunExperimentCallable(plan, options, credentials, console));
        copyState(runState, jobState);

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
        // after the verdict, the JUnit results and the build page exist: an output's failure cannot lose them
        GuardedOutputs.publish(console, credentials.redactor(), () -> EngineBridge.publishOutputs(result,
                global.alertTargets(run, result.environment()), settings.pushgatewayUrl(),
                "chaos-" + run.getParent().getFullName(), console));

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
