package io.jenkins.plugins.chaos.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.StopConditionSpec;
import io.jenkins.plugins.chaos.plan.StopConditions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Polls the experiment's {@code stopWhen} conditions while the faults are active, on a daemon thread of its own, and
 * reports the first that trips. Each poll is bounded (5 s, 1 MiB); a condition that cannot be evaluated (Prometheus
 * down, a bad answer) is said once and does not trip: a monitoring outage must not pass for a system outage.
 */
final class StopConditionPoller {

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<StopConditionSpec> conditions;
    private final Consumer<String> trip;
    private final RunListener console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(POLL_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Set<Integer> complained = new HashSet<>();
    private volatile boolean running = true;
    private Thread thread;

    StopConditionPoller(List<StopConditionSpec> conditions, Consumer<String> trip, RunListener console) {
        this.conditions = conditions;
        this.trip = trip;
        this.console = console;
    }

    void start() {
        if (conditions.isEmpty()) {
            return;
        }
        console.info("Stop conditions: polling " + conditions.size() + " while the faults are active");
        thread = DaemonThreads.start("chaos-stop-conditions", this::loop);
    }

    private void loop() {
        Instant[] next = new Instant[conditions.size()];
        while (running) {
            for (int i = 0; i < conditions.size() && running; i++) {
                if (next[i] != null && Instant.now().isBefore(next[i])) {
                    continue;
                }
                StopConditionSpec condition = conditions.get(i);
                next[i] = Instant.now().plus(StopConditions.every(condition));
                Optional<String> tripped = evaluate(i, condition);
                if (tripped.isPresent()) {
                    running = false;
                    trip.accept("stop condition " + condition.describe() + ": " + tripped.get());
                    return;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Why the condition tripped, or empty when it holds or cannot be evaluated. */
    Optional<String> evaluate(int index, StopConditionSpec condition) {
        try {
            if (condition.prometheus() != null) {
                URI uri = URI.create(condition.prometheus().trim().replaceAll("/+$", "") + "/api/v1/query?query="
                        + URLEncoder.encode(condition.query(), StandardCharsets.UTF_8));
                JsonNode body = JSON.readTree(get(uri).body());
                if (!"success".equals(body.path("status").asText())) {
                    complainOnce(index, condition, "Prometheus answered " + body.path("errorType").asText("an error"));
                    return Optional.empty();
                }
                for (JsonNode series : body.path("data").path("result")) {
                    JsonNode value = series.path("value").path(1);
                    double v = Double.parseDouble(value.asText("NaN"));
                    if (v > condition.above()) {
                        return Optional.of("value " + v + " is above " + condition.above());
                    }
                }
                JsonNode scalar = body.path("data").path("result");
                if ("scalar".equals(body.path("data").path("resultType").asText()) && scalar.size() == 2
                        && Double.parseDouble(scalar.get(1).asText("NaN")) > condition.above()) {
                    return Optional.of("value " + scalar.get(1).asText() + " is above " + condition.above());
                }
                return Optional.empty();
            }
            Answer response = get(URI.create(condition.http().trim()));
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Optional.empty() : Optional.of("answered HTTP " + status);
        } catch (IOException e) {
            if (condition.http() != null) {
                return Optional.of("no answer (" + e.getClass().getSimpleName() + ")");
            }
            complainOnce(index, condition, "could not be read (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return Optional.empty();
        } catch (RuntimeException e) {
            complainOnce(index, condition, "gave an answer that is not understood (" + e.getClass().getSimpleName()
                    + ")");
            return Optional.empty();
        }
    }

    /** One bounded GET: the whole exchange, headers and body, within the poll timeout. */
    private Answer get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(POLL_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = exchange.get(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            byte[] body = response.body();
            if (body.length > MAX_BODY) {
                throw new IOException("answer larger than " + MAX_BODY + " bytes");
            }
            return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("no complete answer within " + POLL_TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private record Answer(int statusCode, String body) {
    }

    private void complainOnce(int index, StopConditionSpec condition, String why) {
        if (complained.add(index)) {
            console.warn("Stop condition " + condition.describe() + " " + why + "; it does not stop the run");
        }
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(POLL_TIMEOUT.toMillis() + 1_000);
        }
    }
}
