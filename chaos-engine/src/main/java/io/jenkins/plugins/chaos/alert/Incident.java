package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import java.time.Instant;

/**
 * One breached boundary as the dispatcher tracks it within a run: what the clients format and send. The clients
 * never decide anything about it.
 *
 * @param dedupKey     PagerDuty's dedup_key: the environment and the boundary, the same in every phase and run
 * @param boundary     what broke
 * @param check        the latest observation of it
 * @param experiment   the experiment's name
 * @param environment  where it ran
 * @param runId        the run that saw it
 * @param observations how many checks of this run saw the boundary broken so far
 * @param detectedAt   when the first observation of this run was judged
 * @param onsetAt      when the breach began, as far as the run knows: the fault's injection for a failover check
 *                     seen while the fault was active, otherwise the detection; MTTD counts from here
 */
public record Incident(String dedupKey, Boundary boundary, CheckResult check, String experiment, String environment,
                       String runId, int observations, Instant detectedAt, Instant onsetAt) {

    public Incident withObservation(CheckResult latest) {
        return new Incident(dedupKey, boundary, latest, experiment, environment, runId, observations + 1, detectedAt,
                onsetAt);
    }
}
