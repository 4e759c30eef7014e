package io.jenkins.plugins.chaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.support.RealPrometheus;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** External stop conditions end a 60 s fault at once: a real Prometheus query, an HTTP health check. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StopWhenPlaygroundTest {

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    private static String partition(String stopWhen) {
        return """
                name: stop-when
                environment: test
                abortOn: never
                faults:
                  - name: alice-bob-partition
                    kind: NetworkChaos
                    action: partition
                    duration: 60s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                stopWhen:
                """ + stopWhen;
    }

    private RunResult run(Playground playground, String yaml) throws Exception {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "stop-when.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        RunOptions options = RunOptions.defaults().withReportDir(dir.resolve("reports").toString())
                .withPollInterval(Duration.ofMillis(50));
        return new ExperimentRunner(playground.cluster().client(), listener, options).run(loaded.plan());
    }

    private static long activeSeconds(RunResult result) {
        return Duration.between(result.faults().get(0).injectedAt(), result.faults().get(0).recoveredAt()).toSeconds();
    }

    @Test
    void aPrometheusQueryAboveItsThresholdEndsTheFault() throws Exception {
        try (RealPrometheus prom = RealPrometheus.alone(Files.createDirectories(dir.resolve("prom")), null);
             Playground playground = Playground.start("healthy")) {
            RunResult result = run(playground, partition("""
                      - prometheus: "%s"
                        query: 'vector(3)'
                        above: 2
                        every: 1s
                    """.formatted(prom.prometheus())));

            assertTrue(result.aborted(), () -> listener.text());
            assertEquals("stop condition Prometheus query vector(3) > 2.0: value 3.0 is above 2.0", result.abortReason());
            assertTrue(activeSeconds(result) < 20, "the 60 s fault ended early: " + activeSeconds(result) + " s");
            assertTrue(listener.lines().stream().anyMatch(l -> l.startsWith("CRITICAL: stop condition")),
                    listener.text());
        }
    }

    @Test
    void aFailingHealthCheckEndsTheFaultAndAHealthyOneDoesNot() throws Exception {
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        health.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        health.start();
        try (Playground playground = Playground.start("healthy")) {
            String base = "http://127.0.0.1:" + health.getAddress().getPort();
            RunResult result = run(playground, partition("""
                      - http: "%s/ok"
                        every: 1s
                      - http: "%s/healthz"
                        every: 1s
                    """.formatted(base, base)));

            assertTrue(result.aborted());
            assertEquals("stop condition HTTP health check " + base + "/healthz: answered HTTP 503",
                    result.abortReason());
            assertTrue(activeSeconds(result) < 20, "ended early: " + activeSeconds(result) + " s");
        } finally {
            health.stop(0);
        }
    }

    @Test
    void badStopConditionsAreNamedBeforeAnythingIsApplied() {
        LoadResult loaded = ExperimentLoader.fromYaml(partition("""
                  - prometheus: "not a url"
                    query: ''
                  - http: "http://127.0.0.1:1/h"
                    above: 3
                    every: 1h
                """), "bad.yaml");
        assertFalse(loaded.ok());
        List<String> fields = loaded.errors().stream().map(ValidationError::field).toList();
        assertTrue(fields.containsAll(List.of("stopWhen[0].prometheus", "stopWhen[0].query", "stopWhen[0].above",
                "stopWhen[1]", "stopWhen[1].every")), fields.toString());
    }
}
