package io.jenkins.plugins.chaos.playground.failover;

import io.jenkins.plugins.chaos.probe.failover.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Virtual time: sleeping jumps the clock forward, so hours of paced traffic replay as fast as the CPU allows. */
public final class SimulatedTimeSource implements TimeSource {

    private final Instant start;
    private final AtomicLong now = new AtomicLong();

    public SimulatedTimeSource(Instant start) {
        this.start = start;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public Instant toInstant(long nanos) {
        return start.plusNanos(nanos);
    }

    @Override
    public long toNanos(Instant instant) {
        return Duration.between(start, instant).toNanos();
    }

    @Override
    public void sleepUntil(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped while pacing");
        }
        now.accumulateAndGet(nanos, Math::max);
    }

    public void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
