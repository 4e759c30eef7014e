package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.Job;
import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.DeadMansSwitchIndex;
import io.jenkins.plugins.chaos.alert.DeadMansSwitchPolicy;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;

/**
 * Pages "SRE system down: chaos tests not running" when a job whose builds ran chaos steps on a timer has not
 * started a build for longer than its threshold, and resolves the page when it runs again. Without this, a
 * disabled or broken schedule would look exactly like a healthy, quiet system. It reads the index that
 * {@link ChaosJobWatcher} keeps; a page that was not delivered is tried again a minute later.
 */
@Extension
public class DeadMansSwitch extends AsyncPeriodicWork {

    public DeadMansSwitch() {
        super("Chaos engineering dead-man's switch");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    protected void execute(TaskListener listener) throws IOException, InterruptedException {
        ChaosGlobalConfiguration config = ChaosGlobalConfiguration.get();
        RunListener log = new ConsoleRunListener(listener, SecretRedactor.none());
        DeadMansSwitchIndex index = ChaosJobIndex.get();
        File home = Jenkins.get().getRootDir();
        String root = Jenkins.get().getRootUrl();
        for (String job : index.jobs().keySet()) {
            if (Jenkins.get().getItemByFullName(job, Job.class) == null) {
                log.info("no longer watching " + job + ": the job is gone");
                index.forget(job);
            }
        }
        index.check(System.currentTimeMillis(), config.getDeadManThresholdMinutes(), change -> {
            log.warn((change.overdue() ? "overdue: " : "running again: ") + change.job() + " (last build "
                    + change.minutesSinceLastRun() + " min ago, threshold " + change.thresholdMinutes() + " min)");
            String environment = config.getEnvironment() == null ? change.environment() : config.getEnvironment();
            try {
                AlertTargets targets = config.alertTargets(environment, root,
                        ChaosStateFiles.deadMansSwitchAlerts(home, change.job()));
                if (!targets.any()) {
                    log.warn("no Slack or PagerDuty credentials in the global configuration: nobody was told");
                    return false;
                }
                AlertOutcome outcome = EngineBridge.sendAlerts(DeadMansSwitchPolicy.result(change.job(), environment,
                        change.minutesSinceLastRun(), change.thresholdMinutes(), change.overdue()), targets, log);
                return outcome.allDelivered();
            } catch (IOException | RuntimeException e) {
                log.warn("dead-man's switch: the page for " + change.job() + " was not sent ("
                        + MaskedFailure.message(e, SecretRedactor.none()) + "); tried again in a minute");
                return false;
            }
        });
    }
}
