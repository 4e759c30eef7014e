package io.jenkins.plugins.chaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The resource-exhaustion warning on the playground: its metrics-server serves PodMetrics (read through fabric8's
 * {@code top()}), a StressChaos on the gateway's pod raises its CPU, and the probe warns naming the pod, the
 * container, the resource and the peak; a light stress stays quiet.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceUsagePlaygroundTest {

    private static String experiment(int load) {
        return """
                name: saturation
                faults:
                  - name: gateway-cpu
                    kind: StressChaos
                    duration: 4s
                    mode: all
                    selector: {namespaces: [inference], labelSelectors: {app: gateway}}
                    stressors: {cpu: {workers: 1, load: %d}}
                probes:
                  resourceUsage:
                    namespaces: [inference]
                    thresholdPercent: 85
                    window: 1500ms
                    interval: 250ms
                """.formatted(load);
    }

    @Test
    void theMetricsServerServesPodMetricsThroughFabric8() throws Exception {
        try (Playground playground = Playground.start("healthy")) {
            PodMetrics gateway = null;
            for (int i = 0; i < 40 && gateway == null; i++) {
                gateway = playground.cluster().client().top().pods().metrics("inference").getItems().stream()
                        .filter(m -> m.getMetadata().getName().equals("gateway-0")).findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertTrue(gateway != null, "PodMetrics of inference/gateway-0");
            assertEquals("50m", gateway.getContainers().get(0).getUsage().get("cpu").toString());
        }
    }

    @Test
    void aSaturatingStressWarnsNamingPodContainerResourceAndPeak() throws Exception {
        RunResult result = run(100);
        CheckResult warning = result.checks().stream().filter(c -> c.probe().equals(ProbeIds.RESOURCE_USAGE)).findFirst()
                .orElseThrow();
        assertEquals(Verdict.WARNING, warning.verdict(), warning.summary());
        assertEquals("inference/gateway-0 container main cpu", warning.name());
        assertTrue(warning.summary().startsWith("WARNING: inference/gateway-0 container main cpu stayed above 85% of its "
                + "limit 500m for "), warning.summary());
        assertTrue(warning.summary().endsWith("peak 100%"), warning.summary());
        assertEquals(Verdict.WARNING, result.verdict());
    }

    @Test
    void aLightStressStaysWithinTheThreshold() throws Exception {
        RunResult result = run(20);
        List<CheckResult> usage = result.checks().stream().filter(c -> c.probe().equals(ProbeIds.RESOURCE_USAGE)).toList();
        assertEquals(1, usage.size(), usage.toString());
        assertEquals(Verdict.PASSED, usage.get(0).verdict(), usage.get(0).summary());
        assertTrue(usage.get(0).evidence().stream().anyMatch(e -> e.equals(
                "inference/gateway-0 container main cpu: peak 50% of its limit 500m over " + e.replaceAll(".* over ", ""))),
                usage.get(0).evidence().toString());
    }

    private static RunResult run(int load) throws Exception {
        try (Playground playground = Playground.start("healthy")) {
            LoadResult loaded = ExperimentLoader.fromYaml(experiment(load), "saturation.yaml");
            assertTrue(loaded.ok(), loaded::describeErrors);
            return new ExperimentRunner(playground.cluster().client(), new RecordingListener(), RunOptions.defaults())
                    .run(loaded.plan());
        }
    }
}
