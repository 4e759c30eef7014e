package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosSpecFactory;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import java.time.Duration;
import java.util.List;

/**
 * The fault the lifecycle benchmarks ({@code chaos bench faults}, with or without {@code --vs-kubectl}) time, the
 * playground they time it on and one engine lifecycle of it, so that both compare against the same engine side.
 */
final class BenchFault {

    /** A partition from tenant-alice to tenant-bob: one NetworkChaos, the commonest fault of an isolation run. */
    static final String EXPERIMENT = """
            name: bench
            faults:
              - name: bench-partition
                kind: NetworkChaos
                action: partition
                duration: 30s
                mode: all
                selector: {namespaces: [tenant-alice]}
                direction: to
                target: {mode: all, selector: {namespaces: [tenant-bob]}}
            """;

    private BenchFault() {
    }

    /** Tenants alice and bob, a controller that injects at once and does nothing to traffic. */
    static PlaygroundCluster playground() {
        return PlaygroundCluster.start(List.of("alice", "bob"), ChaosEffects.none(), Duration.ZERO, true);
    }

    static ExperimentPlan plan() {
        return ExperimentLoader.fromYaml(EXPERIMENT, "bench").planOrThrow();
    }

    /**
     * The fault as the bare Chaos Mesh resource {@code name} in tenant-alice, for the side that does without the
     * engine (fabric8 calls, a {@code kubectl apply -f} manifest): the same spec the engine creates.
     */
    static GenericKubernetesResource resource(ExperimentPlan experiment, String name) {
        return ChaosSpecFactory.build(experiment.experiment().getFaults().get(0), name, "tenant-alice");
    }

    /** Milliseconds for inject (validate, guardrails, create, await AllInjected) and recover (delete, await gone). */
    static double engineLifecycleMillis(FaultInjector injector, ExperimentPlan experiment) throws Exception {
        long start = System.nanoTime();
        InjectedFaults injected = injector.inject(experiment);
        injector.recover(injected.resources());
        return (System.nanoTime() - start) / 1e6;
    }
}
