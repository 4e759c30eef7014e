package io.jenkins.plugins.chaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.metrics.ChaosMetrics;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.prometheus.client.CollectorRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one outputs path of the CLI and the plugin: each output's failure is reported and hides nothing else. */
class RunPublisherTest {

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();

    private static RunResult run() {
        Instant now = Instant.now();
        CheckResult check = new CheckResult(ProbeIds.ISOLATION_API, "alice -> bob GET /files", Verdict.PASSED,
                "denied with 403", List.of(), now, 3);
        return new RunResult("publisher", "test", "run-1", now, now, List.of(), List.of(check), List.of(), null, List.of());
    }

    @Test
    void metricsAreRecordedAndWrittenAndNoAlertsMeansNothingSent() throws Exception {
        Path file = dir.resolve("reports").resolve("metrics.prom");
        AlertOutcome outcome = new RunPublisher(listener).publish(run(), null,
                () -> new ChaosMetrics(new CollectorRegistry()), file, null, RunPublisher.PUSH_JOB);
        assertEquals(AlertOutcome.nothingSent(), outcome);
        String exposition = Files.readString(file);
        assertTrue(exposition.contains("chaos_tenant_isolation_total"), exposition);
        assertTrue(listener.text().contains("Metrics: " + file.toAbsolutePath()), listener::text);
    }

    @Test
    void aMissingMetricsLibraryIsReportedNotThrown() {
        new RunPublisher(listener).publish(run(), null, () -> {
            throw new NoClassDefFoundError("io/prometheus/client/CollectorRegistry");
        }, dir.resolve("metrics.prom"), "http://127.0.0.1:9", "job");
        assertTrue(listener.text().contains("WARNING: metrics could not be recorded: io/prometheus/client/CollectorRegistry"),
                listener::text);
        assertTrue(Files.notExists(dir.resolve("metrics.prom")));
    }

    @Test
    void noMetricsSupplierRecordsWritesAndPushesNothing() {
        // the plugin without the optional prometheus plugin: nothing could scrape them
        new RunPublisher(listener).publish(run(), null, null, dir.resolve("metrics.prom"), "http://127.0.0.1:9", "job");
        assertTrue(Files.notExists(dir.resolve("metrics.prom")));
        assertEquals("", listener.text());
    }

    @Test
    void anUnreachablePushgatewayIsReportedAndTheFileIsStillWritten() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path file = dir.resolve("metrics.prom");
        new RunPublisher(listener).publish(run(), null, () -> new ChaosMetrics(new CollectorRegistry()), file,
                "http://127.0.0.1:" + closed, "job");
        assertTrue(Files.exists(file));
        assertTrue(listener.text().contains("WARNING: Could not push metrics to the Pushgateway"), listener::text);
    }
}
