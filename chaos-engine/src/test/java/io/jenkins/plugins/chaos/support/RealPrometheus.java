package io.jenkins.plugins.chaos.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code prometheus} and {@code prometheus-pushgateway} as real processes on 127.0.0.1, free ports and
 * temporary directories, Prometheus scraping the Pushgateway every second with {@code honor_labels} (as a
 * Pushgateway must be scraped). A test that needs them and cannot find them is skipped with a loud banner.
 */
public final class RealPrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Process> processes = new ArrayList<>();
    private final URI prometheus;
    private final URI pushgateway;

    private RealPrometheus(Path dir, String prometheusBinary, String pushgatewayBinary, boolean withPushgateway,
                           Path rules) throws IOException, InterruptedException {
        String scrape = "";
        if (withPushgateway) {
            int pushPort = startOnFreePort(port -> new String[] {pushgatewayBinary,
                    "--web.listen-address=127.0.0.1:" + port}, dir.resolve("pushgateway.log"));
            pushgateway = URI.create("http://127.0.0.1:" + pushPort);
            scrape = """
                    scrape_configs:
                      - job_name: pushgateway
                        honor_labels: true
                        scrape_interval: 1s
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(pushPort);
        } else {
            pushgateway = null;
        }
        String ruleFiles = rules == null ? "" : "rule_files: [\"" + rules.toAbsolutePath() + "\"]\n";
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                """ + ruleFiles + scrape);
        int promPort = startOnFreePort(port -> new String[] {prometheusBinary, "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data-" + port), "--web.listen-address=127.0.0.1:" + port,
                "--web.console.templates=" + dir, "--web.console.libraries=" + dir}, dir.resolve("prometheus.log"));
        prometheus = URI.create("http://127.0.0.1:" + promPort);
    }

    /**
     * Other builds on this machine start the same servers: a port found free can be taken before our process binds
     * it, and then another build's server would answer our readiness check. So the process must still be alive once
     * the port answers; if it is not, it lost the race and a new port is tried.
     */
    private int startOnFreePort(IntFunction<String[]> command, Path log) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Process process = start(log, command.apply(port));
            boolean ready = awaitReady(URI.create("http://127.0.0.1:" + port + "/-/ready"), process);
            Thread.sleep(300);
            if (ready && process.isAlive()) {
                return port;
            }
            process.destroyForcibly();
            processes.remove(process);
            if (attempt == 3) {
                close();
                throw new IOException(command.apply(port)[0] + " did not start on a free port (see " + log + ")");
            }
        }
    }

    /** Prometheus scraping a Pushgateway; skips the calling test when either binary is missing. */
    public static RealPrometheus withPushgateway(Path dir) throws IOException, InterruptedException {
        String prom = require("prometheus", "prometheus");
        String push = require("prometheus-pushgateway", "prometheus-pushgateway");
        return new RealPrometheus(dir, prom, push, true, null);
    }

    /** Prometheus alone, loading rules; for checking expressions against a real engine. */
    public static RealPrometheus alone(Path dir, Path rules) throws IOException, InterruptedException {
        return new RealPrometheus(dir, require("prometheus", "prometheus"), null, false, rules);
    }

    public URI pushgateway() {
        return pushgateway;
    }

    public URI prometheus() {
        return prometheus;
    }

    /** {@code GET /api/v1/query}; throws with Prometheus' own error text when the expression is rejected. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalArgumentException("Prometheus rejected " + promql + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    /** The value of the single series whose label {@code label} is {@code value}; empty when there is none. */
    public Optional<Double> valueWhere(String promql, String label, String value)
            throws IOException, InterruptedException {
        for (JsonNode series : query(promql).path("result")) {
            if (value == null || value.equals(series.path("metric").path(label).asText())) {
                return Optional.of(Double.parseDouble(series.path("value").get(1).asText()));
            }
        }
        return Optional.empty();
    }

    /** Waits until Prometheus answers the expression with at least {@code series} series. */
    public JsonNode awaitSeries(String promql, int series, Duration timeout) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            last = query(promql);
            if (last.path("result").size() >= series) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never had " + series + " series for " + promql + "; last: " + last);
    }

    public String get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The binary on PATH, or a skipped test that says so loudly. */
    public static String require(String binary, String debianPackage) {
        String found = onPath(binary);
        if (found == null) {
            String why = binary + " is not on PATH (Debian package '" + debianPackage + "'; .ci/run installs it)";
            System.err.println();
            System.err.println("*** SKIPPED: " + why + " ***");
            System.err.println();
            System.err.flush();
            Assumptions.abort(why);
        }
        return found;
    }

    public static String onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private Process start(Path log, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(process);
        return process;
    }

    private boolean awaitReady(URI ready, Process process) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end) && process.isAlive()) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
