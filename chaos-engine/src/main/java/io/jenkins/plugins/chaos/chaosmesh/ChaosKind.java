package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Set;

/**
 * What the engine knows about one Chaos Mesh kind: its REST plural, which actions can be written inline in an
 * experiment, which spec keys those inline faults accept, and how its injection and recovery are observed.
 *
 * @param kind            Chaos Mesh kind, e.g. {@code NetworkChaos}
 * @param plural          REST resource name, e.g. {@code networkchaos}
 * @param inlineActions   actions accepted inline (empty: the kind is applied from manifests only, or has no action)
 * @param parameterKeys   kind-specific spec keys accepted inline
 * @param observedByConditions whether the controller reports AllInjected/AllRecovered conditions (Schedule and
 *                        Workflow do not: they spawn other chaos resources and are accepted once created)
 */
public record ChaosKind(String kind, String plural, List<String> inlineActions, Set<String> parameterKeys,
                        boolean observedByConditions) {

    public static final String GROUP = "chaos-mesh.org";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    public boolean inline() {
        return !parameterKeys.isEmpty();
    }

    /** PodChaos pod-kill and container-kill happen once and never report AllRecovered. */
    public static boolean isOneShot(String kind, String action) {
        return "PodChaos".equals(kind) && ("pod-kill".equals(action) || "container-kill".equals(action));
    }
}
