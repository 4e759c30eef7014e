// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.fault;

import io.jenkins.plugins.chaos.verdict.FaultRecord;
import java.io.Serializable;
import java.util.List;

public record InjectedFaults(String runId, List<ChaosResourceRef> resources, List<FaultRecord> records)
        implements Serializable {
}
