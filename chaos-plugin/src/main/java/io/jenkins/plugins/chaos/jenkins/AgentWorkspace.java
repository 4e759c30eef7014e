package io.jenkins.plugins.chaos.jenkins;

import hudson.FilePath;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The step's workspace, or null when its agent is gone. With the agent offline, workflow-durable-task-step's
 * {@code FilePathDynamicContext} answers {@code get(FilePath.class)} with an {@code AgentOfflineException} (an
 * IOException) instead of a value: the cleanup must treat that as "use the fallback", not fail before it.
 */
final class AgentWorkspace {
    private AgentWorkspace() {
    }

    static FilePath of(StepContext context) throws InterruptedException {
        try {
            return context.get(FilePath.class);
        } catch (IOException e) {
            return null;
        }
    }
}
