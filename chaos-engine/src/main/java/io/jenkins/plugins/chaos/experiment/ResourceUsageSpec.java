package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * The resource-usage probe of an experiment ({@code probes.resourceUsage}): while the faults are active, samples
 * metrics-server's PodMetrics for the namespaces and warns when a container stays above the threshold of its limit
 * (its request when it has no limit) for longer than the window.
 *
 * @param namespaces       whose pods are watched
 * @param thresholdPercent share of the limit (default 85)
 * @param window           how long usage must stay above it (default 30s)
 * @param interval         time between samples (default 5s; metrics-server itself refreshes every 15 s or so)
 */
public record ResourceUsageSpec(List<String> namespaces, Double thresholdPercent, String window, String interval)
        implements Serializable {

    public ResourceUsageSpec {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
