package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * What a chaos resource does to the playground beyond the Kubernetes objects: the simulator calls it when a fault
 * is injected and when it is recovered, and the inference gateway listens (provider down, partitions, HTTP faults).
 */
public interface ChaosEffects {

    void injected(GenericKubernetesResource chaos, List<Pod> targets);

    void recovered(GenericKubernetesResource chaos, List<Pod> targets);

    static ChaosEffects none() {
        return new ChaosEffects() {
            @Override
            public void injected(GenericKubernetesResource chaos, List<Pod> targets) {
            }

            @Override
            public void recovered(GenericKubernetesResource chaos, List<Pod> targets) {
            }
        };
    }
}
