package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/**
 * The admission rules of one Chaos Mesh kind, as that kind's webhook in chaos-mesh's {@code api/v1alpha1} applies
 * them (plus the limits this engine adds so that every fault ends by itself). One implementation per kind, used for
 * inline faults (the spec {@link ChaosSpecFactory} builds) and manifests alike.
 */
interface KindRules {

    String kind();

    /** Chaos Mesh's actions of the kind; empty when the kind has no {@code action} field. */
    List<String> actions();

    /** Whether {@code action} happens once and needs no duration (PodChaos pod-kill, container-kill). */
    default boolean oneShot(String action) {
        return false;
    }

    /** Checks {@code spec} (found at {@code path}); {@code place} decides whether a duration is required or refused. */
    void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems);
}
