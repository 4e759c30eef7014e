package io.jenkins.plugins.chaos.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The injector's waits are woken by a watch: with a poll interval far longer than the controller takes, injection and
 * removal are still confirmed as soon as Chaos Mesh writes them (polling alone would sleep a whole interval each).
 */
@Timeout(120)
class FaultInjectorWatchTest {

    private static final Duration LONG_POLL = Duration.ofSeconds(30);

    @Test
    void aWatchAnswersLongBeforeThePollInterval() throws Exception {
        try (PlaygroundCluster cluster = PlaygroundCluster.start(List.of("alice", "bob"), ChaosEffects.none(),
                Duration.ofMillis(300), true)) {
            ExperimentPlan plan = ExperimentLoader.fromYaml("""
                    name: watch
                    faults:
                      - name: cut
                        kind: NetworkChaos
                        action: partition
                        duration: 30s
                        mode: all
                        selector: {namespaces: [tenant-alice]}
                        direction: to
                        target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    """, "watch.yaml").planOrThrow();
            FaultInjector injector = new FaultInjector(cluster.client(), RunListener.silent(),
                    RunOptions.defaults().withPollInterval(LONG_POLL));
            long start = System.nanoTime();
            InjectedFaults injected = injector.inject(plan);
            long injectedMillis = (System.nanoTime() - start) / 1_000_000;
            List<RecoveryOutcome> outcomes = injector.recover(injected.resources());
            long totalMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(outcomes.stream().allMatch(RecoveryOutcome::recovered), outcomes.toString());
            assertEquals(List.of(), ChaosTestSupport.allChaosResources(cluster.client()));
            // Generous bounds: a third of one poll interval for the whole lifecycle.
            assertTrue(injectedMillis < LONG_POLL.toMillis() / 3, "injection confirmed after " + injectedMillis + " ms");
            assertTrue(totalMillis < LONG_POLL.toMillis() / 3, "lifecycle took " + totalMillis + " ms");
        }
    }
}
