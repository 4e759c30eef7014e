// Signature stub of hudson.tasks.junit.pipeline.JUnitResultsStep from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
package hudson.tasks.junit.pipeline;

import hudson.tasks.junit.JUnitTask;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

public class JUnitResultsStep extends Step implements JUnitTask {
    @DataBoundConstructor
    public JUnitResultsStep(String testResults) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getTestResults() {
        throw new UnsupportedOperationException();
    }

    @Override
    public double getHealthScaleFactor() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getStdioRetention() {
        throw new UnsupportedOperationException();
    }

    @Override
    @Deprecated
    public boolean isKeepLongStdio() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isKeepProperties() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isKeepTestNames() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isAllowEmptyResults() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSkipPublishingChecks() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getChecksName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSkipOldReports() {
        throw new UnsupportedOperationException();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        throw new UnsupportedOperationException();
    }
}
