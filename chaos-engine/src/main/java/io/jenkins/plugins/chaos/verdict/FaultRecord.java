package io.jenkins.plugins.chaos.verdict;

import java.io.Serializable;
import java.time.Instant;

/**
 * The life of one chaos resource in a run, for the journal and the report's shaded fault window.
 *
 * @param name       the fault's name in the experiment (or the manifest's resource name)
 * @param kind       Chaos Mesh kind
 * @param namespace  where the resource lived
 * @param resource   the resource's metadata.name on the cluster
 * @param target     human-readable description of what it hit
 * @param injectedAt when Chaos Mesh reported it injected (null if it never was)
 * @param recoveredAt when it was gone again (null if removal could not be confirmed)
 * @param outcome    how it ended, e.g. {@code recovered}, {@code injection timed out}, {@code stuck on finalizer}
 */
public record FaultRecord(String name, String kind, String namespace, String resource, String target,
                          Instant injectedAt, Instant recoveredAt, String outcome) implements Serializable {
}
