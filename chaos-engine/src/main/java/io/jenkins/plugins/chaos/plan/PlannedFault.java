package io.jenkins.plugins.chaos.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.SelectorDescriber;
import io.jenkins.plugins.chaos.core.GoDuration;
import java.io.Serializable;
import java.time.Duration;

/**
 * A Chaos Mesh resource ready to apply, with what the engine must know to apply it safely.
 *
 * @param faultName   the fault's name in the experiment, for logs and the journal
 * @param origin      field path it came from ({@code faults[0]}, {@code faults[1].manifest(outage.yaml#2)})
 * @param resource    the resource exactly as it will be sent (inline names get the run id in {@link #forRun},
 *                    run labels are added at injection time)
 * @param duration    the Chaos Mesh duration, or null when a manifest gives none
 * @param oneShot     pod-kill and container-kill: injected once, never report AllRecovered
 */
public record PlannedFault(String faultName, String origin, GenericKubernetesResource resource, Duration duration,
                           boolean oneShot) implements Serializable {

    public String kind() {
        return resource.getKind();
    }

    public String namespace() {
        return resource.getMetadata().getNamespace();
    }

    public String name() {
        return resource.getMetadata().getName();
    }

    /** An inline fault (built from the experiment's keys), as opposed to a resource read from a manifest. */
    public boolean inline() {
        return FaultPlanner.isInline(origin);
    }

    /** Inline resources are named after the run ({@code <fault>-<runId>}); a manifest's name is its own. */
    PlannedFault forRun(String runId) {
        if (!inline()) {
            return this;
        }
        GenericKubernetesResource named = Serialization.clone(resource);
        named.getMetadata().setName(resource.getMetadata().getName() + "-" + runId);
        return new PlannedFault(faultName, origin, named, duration, oneShot);
    }

    /**
     * The resource is serialized as JSON: fabric8's model classes come from another plugin's library jar, which a
     * Jenkins controller's class filter refuses in what an agent sends back ({@code jenkins.security.ClassFilterImpl}
     * admits plugin jars, whitelisted JDK classes and jars whose manifest says {@code Jenkins-ClassFilter-Whitelisted}).
     * The engine's own classes need that manifest attribute too, which is #10's to add.
     */
    private Object writeReplace() {
        return new Wire(faultName, origin, ChaosResources.SERIALIZATION.asJson(resource), duration, oneShot);
    }

    private record Wire(String faultName, String origin, String resource, Duration duration, boolean oneShot)
            implements Serializable {

        private Object readResolve() {
            return new PlannedFault(faultName, origin,
                    ChaosResources.SERIALIZATION.unmarshal(resource, GenericKubernetesResource.class), duration, oneShot);
        }
    }

    /** One line for the console: what hits what, for how long. */
    public String describe() {
        return kind() + " " + namespace() + "/" + name() + SelectorDescriber.describe(resource)
                + (duration == null ? " (no duration in the manifest: removed by this run or by the expiry sweep)"
                : " for " + GoDuration.format(duration));
    }
}
