// Signature stub of hudson.tasks.junit.JUnitResultArchiver from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
package hudson.tasks.junit;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.test.PipelineTestDetails;
import java.io.IOException;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

public class JUnitResultArchiver implements JUnitTask {
    @DataBoundConstructor
    public JUnitResultArchiver(String testResults) {
        throw new UnsupportedOperationException();
    }

    public static TestResultSummary parseAndSummarize(JUnitTask task, PipelineTestDetails pipelineTestDetails,
                                                      Run<?, ?> build, FilePath workspace, Launcher launcher,
                                                      TaskListener listener)
            throws InterruptedException, IOException {
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

    @DataBoundSetter
    public final void setStdioRetention(String stdioRetention) {
        throw new UnsupportedOperationException();
    }

    @Deprecated
    @Override
    public boolean isKeepLongStdio() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isKeepProperties() {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public final void setKeepProperties(boolean keepProperties) {
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

    @DataBoundSetter
    public final void setAllowEmptyResults(boolean allowEmptyResults) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSkipPublishingChecks() {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setSkipPublishingChecks(boolean skipPublishingChecks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getChecksName() {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setChecksName(String checksName) {
        throw new UnsupportedOperationException();
    }

    public boolean isSkipMarkingBuildUnstable() {
        throw new UnsupportedOperationException();
    }

    @DataBoundSetter
    public void setSkipMarkingBuildUnstable(boolean skipMarkingBuildUnstable) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isSkipOldReports() {
        throw new UnsupportedOperationException();
    }
}
