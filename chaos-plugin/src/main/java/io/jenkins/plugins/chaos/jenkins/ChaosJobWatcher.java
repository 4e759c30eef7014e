package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the dead-man's switch's index of chaos jobs as builds happen: a finished build that ran a scheduled chaos
 * step (or one with its own threshold) puts its job under watch, and any build's start of a watched job counts as
 * the job running. The switch itself then reads the index, never the builds.
 */
@Extension
@SuppressWarnings("rawtypes")
public class ChaosJobWatcher extends RunListener<Run> {
    private static final Logger LOGGER = Logger.getLogger(ChaosJobWatcher.class.getName());

    public ChaosJobWatcher() {
        super(Run.class);
    }

    @Override
    public void onStarted(Run run, TaskListener listener) {
        try {
            ChaosJobIndex.get().started(run.getParent().getFullName(), run.getStartTimeInMillis());
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "dead-man's switch: could not record the start of " + run.getExternalizableId(), e);
        }
    }

    @Override
    public void onCompleted(Run run, TaskListener listener) {
        List<ChaosRunAction> actions = run.getActions(ChaosRunAction.class);
        if (actions.isEmpty()) {
            return;
        }
        ChaosRunAction chaos = actions.get(actions.size() - 1);
        if (!chaos.isScheduled() && chaos.getDeadManThresholdMinutes() == null) {
            return;
        }
        try {
            ChaosJobIndex.get().watch(run.getParent().getFullName(), run.getStartTimeInMillis(),
                    chaos.getDeadManThresholdMinutes(), chaos.getEnvironment());
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "dead-man's switch: could not watch " + run.getParent().getFullName(), e);
        }
    }
}
