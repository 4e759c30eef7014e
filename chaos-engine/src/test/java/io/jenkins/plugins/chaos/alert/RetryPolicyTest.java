package io.jenkins.plugins.chaos.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(5, 100, 1_000, 10_000, 2_000, 3_000);

    @Test
    void backoffGrowsExponentiallyUpToTheCapWithFullJitter() {
        // random just below 1 shows the ceiling of each step: 100, 200, 400, 800, then capped at 1000
        assertEquals(99, policy.delayAfter(1, Optional.empty(), 0.999).toMillis());
        assertEquals(199, policy.delayAfter(2, Optional.empty(), 0.999).toMillis());
        assertEquals(399, policy.delayAfter(3, Optional.empty(), 0.999).toMillis());
        assertEquals(799, policy.delayAfter(4, Optional.empty(), 0.999).toMillis());
        assertEquals(999, policy.delayAfter(5, Optional.empty(), 0.999).toMillis());
        assertEquals(999, policy.delayAfter(40, Optional.empty(), 0.999).toMillis(), "no overflow on a large count");
        // full jitter: anything from zero up to the ceiling
        assertEquals(0, policy.delayAfter(4, Optional.empty(), 0.0).toMillis());
        assertEquals(400, policy.delayAfter(4, Optional.empty(), 0.5).toMillis());
    }

    @Test
    void retryAfterIsHonouredButCapped() {
        assertEquals(2_000, policy.delayAfter(1, Optional.of(Duration.ofSeconds(2)), 0.0).toMillis());
        assertEquals(3_000, policy.delayAfter(1, Optional.of(Duration.ofHours(1)), 0.0).toMillis());
    }

    @Test
    void onlyRateLimitsAndServerErrorsAreRetried() {
        assertTrue(RetryPolicy.retryableStatus(429));
        assertTrue(RetryPolicy.retryableStatus(500));
        assertTrue(RetryPolicy.retryableStatus(503));
        assertFalse(RetryPolicy.retryableStatus(400));
        assertFalse(RetryPolicy.retryableStatus(403));
        assertFalse(RetryPolicy.retryableStatus(404));
        assertFalse(RetryPolicy.retryableStatus(202));
    }

    @Test
    void invalidLimitsAreAllNamedWithTheirAllowedRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, 100, 50, 10, 2_000, -1));
        assertTrue(e.getMessage().contains("maxAttempts is 0, allowed values are 1..10"), e.getMessage());
        assertTrue(e.getMessage().contains("maxBackoffMillis is 50, allowed values are 100..300000"), e.getMessage());
        assertTrue(e.getMessage().contains("maxTotalMillis is 10, allowed values are 100..600000"), e.getMessage());
        assertTrue(e.getMessage().contains("maxRetryAfterMillis is -1"), e.getMessage());
    }

    @Test
    void retryAfterHeaderReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2025-01-01T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", now));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse(date, now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(5).atOffset(ZoneOffset.UTC)), now));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", now));
        assertEquals(Optional.empty(), RetryAfter.parse(null, now));
    }
}
