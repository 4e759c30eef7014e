package io.jenkins.plugins.chaos.playground.failover;

import io.jenkins.plugins.chaos.probe.failover.FailoverTransport;
import io.jenkins.plugins.chaos.probe.failover.TimeSource;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * Replies as a gateway would, without a network, on the probe's (simulated) clock: the primary answers while
 * {@code primaryDown} is false for the current time, the secondary otherwise. For benchmarks and clock-exact tests.
 */
public final class SyntheticGatewayTransport implements FailoverTransport {

    private static final String PRIMARY_BODY = "{\"provider\":\"primary\",\"choices\":[]}";
    private static final String SECONDARY_BODY = "{\"provider\":\"secondary\",\"choices\":[]}";

    private final TimeSource time;
    private final LongPredicate primaryDown;
    private final SplittableRandom random = new SplittableRandom(42);
    private long sent;

    /** @param primaryDown whether the primary is down at a {@link TimeSource#nanoTime()} reading */
    public SyntheticGatewayTransport(TimeSource time, LongPredicate primaryDown) {
        this.time = time;
        this.primaryDown = primaryDown;
    }

    @Override
    public CompletableFuture<HttpReply> send() {
        sent++;
        boolean down = primaryDown.test(time.nanoTime());
        long latencyNanos = (down ? 100 + random.nextInt(200) : 20 + random.nextInt(60)) * 1_000_000L;
        return CompletableFuture.completedFuture(new HttpReply(200, down ? "secondary" : "primary",
                "application/json", down ? SECONDARY_BODY : PRIMARY_BODY, null, false, latencyNanos));
    }

    public long sent() {
        return sent;
    }

    @Override
    public boolean drain(Duration deadline) {
        return true;
    }

    @Override
    public void close() {
    }
}
