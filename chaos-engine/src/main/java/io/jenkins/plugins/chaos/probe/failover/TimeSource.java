package io.jenkins.plugins.chaos.probe.failover;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The probe's clock: a monotonic nanosecond counter tied to wall-clock instants, and a way to wait for a moment.
 * Injectable so that a benchmark can replay an hour of traffic in seconds (the playground's SimulatedTimeSource).
 */
public interface TimeSource {

    long nanoTime();

    /** The wall-clock instant of a {@link #nanoTime()} reading. */
    Instant toInstant(long nanos);

    /** The {@link #nanoTime()} reading of a wall-clock instant (e.g. when the injector saw AllInjected). */
    long toNanos(Instant instant);

    /** Returns at {@code nanos} or later. */
    void sleepUntil(long nanos) throws InterruptedException;

    static TimeSource system() {
        return new SystemTimeSource();
    }

    /** {@link System#nanoTime()} anchored once to {@link Instant#now()}, so both views agree for the whole run. */
    final class SystemTimeSource implements TimeSource {
        private final long baseNanos = System.nanoTime();
        private final Instant baseInstant = Instant.now();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant toInstant(long nanos) {
            return baseInstant.plusNanos(nanos - baseNanos);
        }

        @Override
        public long toNanos(Instant instant) {
            return baseNanos + Duration.between(baseInstant, instant).toNanos();
        }

        @Override
        public void sleepUntil(long nanos) throws InterruptedException {
            long remaining;
            while ((remaining = nanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped while pacing");
                }
            }
        }
    }
}
