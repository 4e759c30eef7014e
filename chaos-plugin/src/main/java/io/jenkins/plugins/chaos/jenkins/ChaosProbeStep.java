package io.jenkins.plugins.chaos.jenkins;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.verdict.FailOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/** Arguments of the probe steps: where the gateway is, where reports go and when the build fails. */
public abstract class ChaosProbeStep extends ChaosStep {
    private static final long serialVersionUID = 1L;

    private String gateway;
    private String reportDir;
    private String failOn = FailOn.CRITICAL.argument();
    private String badge;

    public String getGateway() {
        return gateway;
    }

    @DataBoundSetter
    public void setGateway(String gateway) {
        this.gateway = gateway;
    }

    public String getReportDir() {
        return reportDir;
    }

    /** A sub-directory of the workspace; it is emptied before each run, so '.', '..' and absolute paths are refused. */
    @DataBoundSetter
    public void setReportDir(String reportDir) {
        this.reportDir = reportDir == null || reportDir.isBlank() ? null : ReportDirectory.check(reportDir);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = FailOn.parse(failOn).argument();
    }

    public String getBadge() {
        return badge;
    }

    /**
     * Name of the scenario badge published through the embeddable-build-status plugin; {@code null} (not given)
     * means the experiment name, {@code ''} publishes none.
     */
    @DataBoundSetter
    public void setBadge(String badge) {
        this.badge = ScenarioBadge.checkArgument(badge);
    }

    /** Default: {@code chaos-reports/<step>}, so that two probe steps in one build do not publish each other's XML. */
    String effectiveReportDir() {
        return reportDir == null || reportDir.isBlank() ? "chaos-reports/" + functionName() : reportDir;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ProbeStepExecution(this, context);
    }

    static Set<? extends Class<?>> requiredContext() {
        return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, FlowNode.class);
    }

    /** The experiment map with this step's probe section under {@code probes.<key>}. */
    static Map<String, Object> withProbe(Map<String, Object> experiment, String key, Map<String, Object> probe) {
        Map<String, Object> probes = new LinkedHashMap<>();
        probes.put(key, probe);
        experiment.put("probes", probes);
        return experiment;
    }
}
