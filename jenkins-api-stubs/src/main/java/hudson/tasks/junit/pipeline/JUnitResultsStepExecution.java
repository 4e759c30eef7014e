// Signature stub of hudson.tasks.junit.pipeline.JUnitResultsStepExecution from org.jenkins-ci.plugins:junit:1369.v15da_00283f06; declarations only, never shipped.
package hudson.tasks.junit.pipeline;

import hudson.tasks.junit.TestResultSummary;
import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

public class JUnitResultsStepExecution extends SynchronousNonBlockingStepExecution<TestResultSummary> {
    private static final long serialVersionUID = 1L;

    public JUnitResultsStepExecution(JUnitResultsStep step, StepContext context) {
        super(context);
        throw new UnsupportedOperationException();
    }

    @Override
    protected TestResultSummary run() throws Exception {
        throw new UnsupportedOperationException();
    }

    public static List<FlowNode> getEnclosingStagesAndParallels(FlowNode node) {
        throw new UnsupportedOperationException();
    }

    public static List<String> getEnclosingBlockIds(List<FlowNode> nodes) {
        throw new UnsupportedOperationException();
    }

    public static List<String> getEnclosingBlockNames(List<FlowNode> nodes) {
        throw new UnsupportedOperationException();
    }
}
