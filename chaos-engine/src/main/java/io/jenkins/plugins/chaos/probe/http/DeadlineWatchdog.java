package io.jenkins.plugins.chaos.probe.http;

import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the per-request deadline of plain-http connections by closing the ones that outlive it, from one daemon
 * thread. The connections then read and write in blocking mode: a socket with SO_TIMEOUT set is switched to
 * non-blocking by the JDK, and every read becomes read, poll, read; that poll was the largest single cost of the
 * isolation matrix on loopback (async-profiler, bench/README.md). A deadline is met to within one tick.
 */
final class DeadlineWatchdog implements AutoCloseable {

    private static final long LONGEST_TICK_NANOS = Duration.ofMillis(50).toNanos();
    private static final long SHORTEST_TICK_NANOS = Duration.ofMillis(2).toNanos();

    private final Set<Http1Connection> watched = ConcurrentHashMap.newKeySet();
    private final String threadName;
    private final long tickNanos;
    private Thread thread;
    private volatile boolean closed;

    /** @param timeout the request timeout it enforces: the tick is a twentieth of it, between 2 and 50 ms */
    DeadlineWatchdog(String threadName, Duration timeout) {
        this.threadName = threadName;
        this.tickNanos = Math.max(SHORTEST_TICK_NANOS, Math.min(LONGEST_TICK_NANOS, timeout.toNanos() / 20));
    }

    void watch(Http1Connection connection) {
        watched.add(connection);
        startOnce();
    }

    void forget(Http1Connection connection) {
        watched.remove(connection);
    }

    /** Closes every connection it watches, armed or not. */
    void closeAll() {
        watched.forEach(Http1Connection::close);
        watched.clear();
    }

    private synchronized void startOnce() {
        if (thread != null || closed) {
            return;
        }
        thread = DaemonThreads.daemon(threadName, this::patrol);
        thread.start();
    }

    private void patrol() {
        while (!closed) {
            LockSupport.parkNanos(this, tickNanos);
            long now = System.nanoTime();
            for (Http1Connection connection : watched) {
                connection.expireIfOverdue(now);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeAll();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            LockSupport.unpark(running);
        }
    }
}
