package io.jenkins.plugins.chaos.fault;

import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What an injection put in place: the resources to remove later and their records for the journal.
 *
 * @param injectedAt when the last of them was confirmed injected: the failover clock starts here
 */
public record InjectedFaults(String runId, List<ChaosResourceRef> resources, List<FaultRecord> records,
                             Instant injectedAt) implements Serializable {

    public InjectedFaults {
        resources = List.copyOf(resources);
        records = List.copyOf(records);
    }
}
