package io.jenkins.plugins.chaos.probe.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket shared by every connection of a probe: at most {@code permitsPerSecond} requests start per second,
 * with a burst of at most a fiftieth of a second's worth (at least two), so that a run of several seconds stays
 * within a few percent of the cap. Kept as the theoretical arrival time of the next request (GCRA): one long, no
 * refill thread.
 */
public final class RateLimiter {

    private static final RateLimiter UNLIMITED = new RateLimiter(0);

    private final double permitsPerSecond;
    private final long intervalNanos;
    private final long toleranceNanos;
    private long theoreticalArrival;

    private RateLimiter(double permitsPerSecond) {
        this.permitsPerSecond = permitsPerSecond;
        this.intervalNanos = permitsPerSecond > 0 ? Math.max(1, Math.round(1e9 / permitsPerSecond)) : 0;
        // Two at least: a sender woken a little late may catch up on the next request instead of losing the slot.
        long burst = Math.max(2, (long) Math.floor(permitsPerSecond / 50));
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.theoreticalArrival = System.nanoTime();
    }

    /** @param permitsPerSecond above zero; {@link #unlimited()} for no cap */
    public static RateLimiter perSecond(double permitsPerSecond) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("maxRequestsPerSecond: " + permitsPerSecond + " must be above 0");
        }
        return new RateLimiter(permitsPerSecond);
    }

    public static RateLimiter unlimited() {
        return UNLIMITED;
    }

    public boolean limited() {
        return intervalNanos > 0;
    }

    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /** Takes a permit if one is available now; never waits. */
    public synchronized boolean tryAcquire() {
        if (!limited()) {
            return true;
        }
        long now = System.nanoTime();
        if (theoreticalArrival - now > toleranceNanos) {
            return false;
        }
        theoreticalArrival = Math.max(theoreticalArrival, now) + intervalNanos;
        return true;
    }

    /** Nanoseconds until {@link #tryAcquire()} can succeed; 0 when it can now. */
    public synchronized long nanosUntilAvailable() {
        if (!limited()) {
            return 0;
        }
        return Math.max(0, theoreticalArrival - toleranceNanos - System.nanoTime());
    }

    /** Waits for a permit. */
    public void acquire() throws InterruptedException {
        while (!tryAcquire()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for the request-rate cap");
            }
            LockSupport.parkNanos(this, Math.max(TimeUnit.MICROSECONDS.toNanos(50), nanosUntilAvailable()));
        }
    }

    @Override
    public String toString() {
        return limited() ? permitsPerSecond + "/s" : "unlimited";
    }
}
