package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.IOException;
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
import java.util.concurrent.ThreadLocalRandom;
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
     * @param accepted  the status codes that mean "taken" (PagerDuty answers 202, Slack 200)
     */
    Report postJson(URI target, String json, String what, int... accepted) {
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
            try {
                HttpResponse<String> response = client.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                lastStatus = response.statusCode();
                if (isAccepted(lastStatus, accepted)) {
                    return new Report(true, attempts, lastStatus, null, clock.instant());
                }
                lastError = "HTTP " + lastStatus + excerpt(response.body());
                retryable = RetryPolicy.retryableStatus(lastStatus);
                if (lastStatus == 429) {
                    retryAfter = response.headers().firstValue("Retry-After")
                            .flatMap(h -> RetryAfter.parse(h, clock.instant()));
                }
            } catch (HttpTimeoutException e) {
                lastStatus = 0;
                lastError = "no response within " + timeout.toMillis() + " ms";
                retryable = true;
            } catch (ConnectException e) {
                lastStatus = 0;
                lastError = "connection failed (" + e.getClass().getSimpleName() + ")";
                retryable = true;
            } catch (IOException e) {
                lastStatus = 0;
                // exception messages of the HTTP stack may quote the URL; only the type and a redacted text leave
                lastError = "I/O error (" + e.getClass().getSimpleName() + ": " + redactor.redact(
                        String.valueOf(e.getMessage())) + ")";
                retryable = true;
            } catch (InterruptedException e) {
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

    private static boolean isAccepted(int status, int[] accepted) {
        for (int ok : accepted) {
            if (ok == status) {
                return true;
            }
        }
        return false;
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > BODY_EXCERPT ? oneLine.substring(0, BODY_EXCERPT) + "..." : oneLine);
    }
}
