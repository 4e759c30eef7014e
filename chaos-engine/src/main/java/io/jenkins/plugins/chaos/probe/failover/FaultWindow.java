package io.jenkins.plugins.chaos.probe.failover;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When the fault under test was injected and removed. The injector knows (AllInjected / deletion confirmed) and
 * tells the running probe; the instants may arrive a little after the fact, the probe measures from them anyway.
 * The first report of each wins, so a retried callback cannot move the window.
 */
public final class FaultWindow {

    private final AtomicReference<Instant> injectedAt = new AtomicReference<>();
    private final AtomicReference<Instant> removedAt = new AtomicReference<>();

    public void injected(Instant at) {
        injectedAt.compareAndSet(null, at);
    }

    public void removed(Instant at) {
        removedAt.compareAndSet(null, at);
    }

    public Optional<Instant> injectedAt() {
        return Optional.ofNullable(injectedAt.get());
    }

    public Optional<Instant> removedAt() {
        return Optional.ofNullable(removedAt.get());
    }
}
