package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.probe.http.HttpReply;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the probe's request once. The real one is {@link HttpFailoverTransport}; a benchmark replays synthetic
 * replies through the same pacing and aggregation code.
 */
public interface FailoverTransport extends AutoCloseable {

    /** May block while too many requests are outstanding; the future never completes exceptionally. */
    CompletableFuture<HttpReply> send() throws InterruptedException;

    /** Waits for outstanding requests; true when none is left. */
    boolean drain(Duration deadline) throws InterruptedException;

    @Override
    void close();
}
