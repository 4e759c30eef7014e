package io.jenkins.plugins.chaos.alert;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How hard an alert delivery tries before it gives up: exponential backoff with full jitter, bounded both in
 * attempts and in total time, so that a broken Slack or PagerDuty endpoint can never hold a build hostage.
 *
 * @param maxAttempts          attempts including the first one, 1..10
 * @param initialBackoffMillis upper bound of the first random delay, 1..60000
 * @param maxBackoffMillis     upper bound of any computed delay, at least initialBackoffMillis, at most 300000
 * @param maxTotalMillis       budget for all attempts and delays together, 100..600000
 * @param attemptTimeoutMillis how long one request may take, headers and body, 100..120000
 * @param maxRetryAfterMillis  the longest Retry-After we honour; a longer one is cut to this, 0..300000
 */
public record RetryPolicy(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, long maxTotalMillis,
                          long attemptTimeoutMillis, long maxRetryAfterMillis) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RetryPolicy {
        List<String> errors = new ArrayList<>();
        check(errors, "maxAttempts", maxAttempts, 1, 10);
        check(errors, "initialBackoffMillis", initialBackoffMillis, 1, 60_000);
        check(errors, "maxBackoffMillis", maxBackoffMillis, Math.max(1, initialBackoffMillis), 300_000);
        check(errors, "maxTotalMillis", maxTotalMillis, 100, 600_000);
        check(errors, "attemptTimeoutMillis", attemptTimeoutMillis, 100, 120_000);
        check(errors, "maxRetryAfterMillis", maxRetryAfterMillis, 0, 300_000);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid alert retry policy: " + String.join("; ", errors));
        }
    }

    /** 4 attempts, 0.5 s first backoff, 10 s cap, 60 s overall, 10 s per request, Retry-After honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, 500, 10_000, 60_000, 10_000, 30_000);
    }

    private static void check(List<String> errors, String field, long value, long min, long max) {
        if (value < min || value > max) {
            errors.add(field + " is " + value + ", allowed values are " + min + ".." + max);
        }
    }

    /**
     * Whether an HTTP status is worth another attempt. Rate limiting and server errors are transient; any other
     * 4xx means the request itself is wrong (bad routing key, revoked webhook), so repeating it only adds noise.
     */
    public static boolean retryableStatus(int status) {
        return status == 429 || (status >= 500 && status <= 599);
    }

    /**
     * The pause before the next attempt.
     *
     * @param failedAttempts attempts made so far (1 after the first failure)
     * @param retryAfter     what the server asked for, if anything
     * @param random         a uniform value in [0, 1): full jitter spreads simultaneous retries of many jobs
     */
    public Duration delayAfter(int failedAttempts, Optional<Duration> retryAfter, double random) {
        if (retryAfter.isPresent()) {
            long asked = Math.max(0, retryAfter.get().toMillis());
            return Duration.ofMillis(Math.min(asked, maxRetryAfterMillis));
        }
        int exponent = Math.min(Math.max(0, failedAttempts - 1), 30);
        long ceiling = Math.min(maxBackoffMillis, initialBackoffMillis << exponent);
        if (ceiling < 0) {
            ceiling = maxBackoffMillis;
        }
        double jitter = Math.min(Math.max(random, 0.0), 1.0);
        return Duration.ofMillis((long) Math.floor(jitter * ceiling));
    }

    public Duration attemptTimeout() {
        return Duration.ofMillis(attemptTimeoutMillis);
    }

    public Duration totalBudget() {
        return Duration.ofMillis(maxTotalMillis);
    }
}
