// Signature stub of org.jenkinsci.plugins.workflow.job.WorkflowJob from org.jenkins-ci.plugins.workflow:workflow-job; declarations only, never shipped.
// The real class also implements LazyBuildMixIn.LazyLoadingJob, Queue.FlyweightTask, SCMTriggerItem and more.
package org.jenkinsci.plugins.workflow.job;

import hudson.model.Descriptor;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.TopLevelItem;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

@SuppressWarnings("rawtypes")
public final class WorkflowJob extends Job<WorkflowJob, WorkflowRun>
        implements ParameterizedJobMixIn.ParameterizedJob<WorkflowJob, WorkflowRun>, TopLevelItem {

    public WorkflowJob(ItemGroup parent, String name) {
        super(parent, name);
        throw new UnsupportedOperationException();
    }

    public FlowDefinition getDefinition() {
        throw new UnsupportedOperationException();
    }

    public void setDefinition(FlowDefinition definition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isBuildable() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor<TopLevelItem> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
