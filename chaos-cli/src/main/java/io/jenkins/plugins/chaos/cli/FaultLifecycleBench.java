package io.jenkins.plugins.chaos.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import java.time.Duration;
import java.util.Locale;

/**
 * Times one fault's whole life through the engine (validate, guardrails, create, wait for AllInjected, delete, wait
 * until gone) against the bare fabric8 calls for the same resource (create, get, delete), on the same playground.
 * The difference is the price of the guarantees: the wait for the controller and the confirmation of removal.
 */
final class FaultLifecycleBench {

    record Result(int iterations, double engineP50Millis, double engineMeanMillis, double rawP50Millis,
                  double rawMeanMillis) {
        String describe() {
            return String.format(Locale.ROOT, """
                    chaos bench faults: %d lifecycles each, playground on 127.0.0.1 (simulated controller, no injection delay)
                      engine (validate + guardrails + create + await AllInjected + delete + await gone): p50 %.1f ms, mean %.1f ms
                      raw fabric8 (create + get + delete):                                             p50 %.1f ms, mean %.1f ms
                      ratio engine/raw (p50): %.1fx""", iterations, engineP50Millis, engineMeanMillis, rawP50Millis,
                    rawMeanMillis, engineP50Millis / rawP50Millis);
        }
    }

    private FaultLifecycleBench() {
    }

    static Result run(int iterations) throws Exception {
        try (PlaygroundCluster cluster = BenchFault.playground()) {
            KubernetesClient client = cluster.client();
            ExperimentPlan experiment = BenchFault.plan();
            FaultInjector injector = new FaultInjector(client, RunListener.silent(),
                    RunOptions.defaults().withPollInterval(Duration.ofMillis(5)));
            GenericKubernetesResource raw = BenchFault.resource(experiment, "raw-partition");
            for (int i = 0; i < 5; i++) {
                // Warm-up: class loading and JIT, so that the first timings do not dominate.
                BenchFault.engineLifecycleMillis(injector, experiment);
                rawOnce(client, raw);
            }
            double[] engine = new double[iterations];
            double[] bare = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                engine[i] = BenchFault.engineLifecycleMillis(injector, experiment);
                bare[i] = rawOnce(client, raw);
            }
            return new Result(iterations, BenchStats.p50(engine), BenchStats.mean(engine), BenchStats.p50(bare),
                    BenchStats.mean(bare));
        }
    }

    private static double rawOnce(KubernetesClient client, GenericKubernetesResource resource) {
        long start = System.nanoTime();
        var op = ChaosResources.of(client, resource.getApiVersion(), resource.getKind()).inNamespace("tenant-alice");
        op.resource(resource).create();
        op.withName(resource.getMetadata().getName()).get();
        op.withName(resource.getMetadata().getName()).withGracePeriod(0).delete();
        double millis = (System.nanoTime() - start) / 1e6;
        // The simulator may have added its finalizer meanwhile; wait it out outside the timed section.
        while (op.withName(resource.getMetadata().getName()).get() != null) {
            Thread.onSpinWait();
        }
        return millis;
    }
}
