package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.alert.DeadMansSwitchPolicy;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;

/**
 * Pages "SRE system down: chaos tests not running" when a job whose builds ran chaos steps on a timer has not
 * started a build for longer than its threshold, and resolves the page when it runs again. Without this, a
 * disabled or broken schedule would look exactly like a healthy, quiet system.
 */
@Extension
public class DeadMansSwitch extends AsyncPeriodicWork {
    /** How far back to look for a build with chaos results (a job may also run builds without chaos steps). */
    static final int BUILDS_TO_SCAN = 20;

    private final DeadMansSwitchPolicy policy = new DeadMansSwitchPolicy();

    public DeadMansSwitch() {
        super("Chaos engineering dead-man's switch");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        ChaosGlobalConfiguration config = ChaosGlobalConfiguration.get();
        long now = System.currentTimeMillis();
        for (Job job : Jenkins.get().allItems(Job.class)) {
            Run<?, ?> last = job.getLastBuild();
            ChaosRunAction chaos = latestChaosAction(last);
            if (chaos == null || !(chaos.isScheduled() || chaos.getDeadManThresholdMinutes() != null)) {
                continue;
            }
            long threshold = chaos.getDeadManThresholdMinutes() != null ? chaos.getDeadManThresholdMinutes()
                    : config.getDeadManThresholdMinutes();
            long minutes = TimeUnit.MILLISECONDS.toMinutes(now - last.getStartTimeInMillis());
            DeadMansSwitchPolicy.Transition transition = policy.evaluate(job.getFullName(), last.getStartTimeInMillis(), threshold, now);
            if (transition == DeadMansSwitchPolicy.Transition.NONE) {
                continue;
            }
            boolean overdue = transition == DeadMansSwitchPolicy.Transition.BECAME_OVERDUE;
            RunListener log = new ConsoleRunListener(listener, SecretRedactor.none());
            log.warn((overdue ? "overdue: " : "running again: ") + job.getFullName() + " (last build " + minutes + " min ago)");
            String environment = config.getEnvironment() == null ? chaos.getEnvironment() : config.getEnvironment();
            AlertTargets targets = config.alertTargets(last, environment);
            AlertTargets withState = new AlertTargets(targets.slackWebhookUrl(), targets.slackChannel(), targets.pagerDutyRoutingKey(),
                    environment, targets.buildUrl(), new File(last.getRootDir().getParentFile(), "chaos-deadman-state.json").getPath());
            EngineBridge.publishOutputs(DeadMansSwitchPolicy.result(job.getFullName(), environment, minutes, threshold, overdue),
                    withState, null, null, log);
        }
    }

    private static ChaosRunAction latestChaosAction(Run<?, ?> build) {
        Run<?, ?> current = build;
        for (int i = 0; i < BUILDS_TO_SCAN && current != null; i++) {
            List<ChaosRunAction> actions = current.getActions(ChaosRunAction.class);
            if (!actions.isEmpty()) {
                return actions.get(actions.size() - 1);
            }
            current = current.getPreviousBuild();
        }
        return null;
    }
}
