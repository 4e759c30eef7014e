// Signature stub of org.jenkinsci.plugins.workflow.job.WorkflowRun from org.jenkins-ci.plugins.workflow:workflow-job; declarations only, never shipped.
// The real class implements FlowExecutionOwner.Executable (a Queue.Executable), LazyLoadingRun and RunWithSCM.
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Queue;
import hudson.model.Run;
import java.io.File;
import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public final class WorkflowRun extends Run<WorkflowJob, WorkflowRun> implements Queue.Executable {

    public WorkflowRun(WorkflowJob job) throws IOException {
        super(job);
        throw new UnsupportedOperationException();
    }

    public WorkflowRun(WorkflowJob job, File dir) throws IOException {
        super(job);
        throw new UnsupportedOperationException();
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException();
    }

    public HttpResponse doStop() {
        throw new UnsupportedOperationException();
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException();
    }
}
