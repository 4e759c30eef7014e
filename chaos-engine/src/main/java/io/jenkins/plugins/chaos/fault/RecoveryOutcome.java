package io.jenkins.plugins.chaos.fault;

import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import java.io.Serializable;
import java.time.Instant;

/**
 * How the removal of one resource ended.
 *
 * @param recoveredAt when it was confirmed gone; null when it could not be confirmed
 * @param outcome     {@code recovered}, or what went wrong in words an on-call engineer can act on
 */
public record RecoveryOutcome(ChaosResourceRef resource, Instant recoveredAt, String outcome) implements Serializable {

    public boolean recovered() {
        return recoveredAt != null;
    }
}
