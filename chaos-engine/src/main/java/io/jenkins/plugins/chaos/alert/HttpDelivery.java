package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * Posts one JSON document and retries it under a {@link RetryPolicy}. Every outcome, including an interrupted
 * thread, comes back as a {@link Report}: alerting must never throw into the code that decided the verdict.
 * Nothing it logs or reports contains the target URL, because for Slack the URL is the secret.
 */
final class HttpDelivery {

    /** What happened to one delivery; {@code error} is already redacted. */
    record Report(boolean delivered, int attempts, int lastStatus, String error, Instant acceptedAt) {
    }

    /** Sleeps between attempts; a seam so that the budget logic can be exercised without waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final int BODY_EXCERPT = 200;

    private final HttpClient client;
    private final RetryPolicy policy;
    private final RunListener listener;
    private final SecretRedactor redactor;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    HttpDelivery(HttpClient client, RetryPolicy policy, RunListener listener, SecretRedactor redactor) {
        this(client, policy, listener, redactor, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    HttpDelivery(HttpClient client, RetryPolicy policy, RunListener listener, SecretRedactor redactor, Clock clock,
                 Sleeper sleeper, DoubleSupplier random) {
        this.client = client;
        this.policy = policy;
        this.listener = listener;
        this.redactor = redactor;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    static HttpClient defaultClient(RetryPolicy policy) {
        return HttpClient.newBuilder()
                .connectTimeout(policy.attemptTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param what      a secret-free name for log lines, e.g. {@code PagerDuty trigger chaos:prod:isolation.api...}
     */
    Report postJson(URI target, String json, String what) {
        Instant start = clock.instant();
        Instant deadline = start.plus(policy.totalBudget());
        int attempts = 0;
        int lastStatus = 0;
        String lastError = "not attempted";
        while (attempts < policy.maxAttempts()) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.compareTo(Duration.ofMillis(1)) < 0) {
                lastError = lastError + "; gave up: total time budget of " + policy.maxTotalMillis() + " ms spent";
                break;
            }
            attempts++;
            Duration timeout = remaining.compareTo(policy.attemptTimeout()) < 0 ? remaining : policy.attemptTimeout();
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "jenkins-chaos-engineering")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                    .build();
            Optional<Duration> retryAfter = Optional.empty();
            boolean retryable;
            AtomicInteger statusSeen = new AtomicInteger();
            CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request,
                    info -> {
                        statusSeen.set(info.statusCode());
                        return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                    });
            try {
                // The HttpClient's own timeout ends when the headers arrive; a body that trickles or stalls after
                // them would hold the attempt for ever, so the whole exchange is bounded here.
                HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                lastStatus = response.statusCode();
                if (accepted(lastStatus)) {
                    return new Report(true, attempts, lastStatus, null, clock.instant());
                }
                lastError = "HTTP " + lastStatus + excerpt(response.body());
                retryable = RetryPolicy.retryableStatus(lastStatus);
                if (lastStatus == 429) {
                    retryAfter = response.headers().firstValue("Retry-After")
                            .flatMap(h -> RetryAfter.parse(h, clock.instant()));
                }
            } catch (TimeoutException e) {
                exchange.cancel(true);
                lastStatus = statusSeen.get();
                if (accepted(lastStatus)) {
                    // The endpoint said 2xx and then stalled in the body: the message was taken. Sending it again
                    // would post it twice (Slack) or add a duplicate log entry (PagerDuty).
                    return new Report(true, attempts, lastStatus, null, clock.instant());
                }
                lastError = lastStatus == 0 ? "no response within " + timeout.toMillis() + " ms"
                        : "HTTP " + lastStatus + " and then no complete body within " + timeout.toMillis() + " ms";
                retryable = lastStatus == 0 || RetryPolicy.retryableStatus(lastStatus);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                lastStatus = 0;
                if (cause instanceof HttpTimeoutException) {
                    lastError = "no response within " + timeout.toMillis() + " ms";
                } else if (cause instanceof ConnectException) {
                    lastError = "connection failed (" + cause.getClass().getSimpleName() + ")";
                } else {
                    // exception messages of the HTTP stack may quote the URL; only the type and a redacted text leave
                    lastError = "I/O error (" + cause.getClass().getSimpleName() + ": " + redactor.redact(
                            String.valueOf(cause.getMessage())) + ")";
                }
                retryable = true;
            } catch (InterruptedException e) {
                exchange.cancel(true);
                Thread.currentThread().interrupt();
                return new Report(false, attempts, lastStatus, "interrupted while sending", null);
            }
            lastError = redactor.redact(lastError);
            if (!retryable) {
                listener.warn(what + " rejected: " + lastError + " (not retried: the request itself was refused)");
                return new Report(false, attempts, lastStatus, lastError, null);
            }
            if (attempts >= policy.maxAttempts()) {
                break;
            }
            Duration delay = policy.delayAfter(attempts, retryAfter, random.getAsDouble());
            Duration left = Duration.between(clock.instant(), deadline);
            if (delay.compareTo(left) >= 0) {
                lastError = lastError + "; gave up: next retry in " + delay.toMillis()
                        + " ms would exceed the total time budget of " + policy.maxTotalMillis() + " ms";
                break;
            }
            listener.info(what + ": attempt " + attempts + " failed (" + lastError + "), retrying in "
                    + delay.toMillis() + " ms");
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Report(false, attempts, lastStatus, lastError + "; interrupted while waiting to retry",
                        null);
            }
        }
        String error = redactor.redact(lastError);
        listener.warn(what + " not delivered after " + attempts + " attempt(s): " + error);
        return new Report(false, attempts, lastStatus, error, null);
    }

    /** Any 2xx is a taken message: PagerDuty documents 202 but a proxy or a newer API may answer 200. */
    private static boolean accepted(int status) {
        return status >= 200 && status < 300;
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > BODY_EXCERPT ? oneLine.substring(0, BODY_EXCERPT) + "..." : oneLine);
    }
}
