package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.Serializable;

/**
 * What a probe step's run sends back from the agent: the result, what the alerts sent while it ran did (so that the
 * controller's metrics count the deliveries and MTTD/MTTR without sending anything again) and the incident state the
 * dispatcher left. Engine values from the whitelisted engine jar and text; none holds a secret.
 *
 * @param result     the run's result
 * @param alerts     what the live dispatch delivered; null when no alert channel was on
 * @param alertState the incident state file's text after the run; null when alerts were off or none was written
 */
public record ProbeRun(RunResult result, AlertOutcome alerts, String alertState) implements Serializable {
    private static final long serialVersionUID = 1L;
}
