package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import java.util.List;
import java.util.function.Supplier;

/**
 * Provider failover: a paced stream of requests against the gateway while a provider fault is applied and
 * removed. Start it in the background, tell the returned {@link FailoverRun} when the fault was injected and
 * removed, then await the result:
 * <pre>
 * FailoverRun run = new FailoverProbe(config, listener).start(onCritical);
 * ... inject; run.faultInjected(allInjectedAt); ... remove; run.faultRemoved(recoveredAt);
 * FailoverResult result = run.awaitResult();
 * </pre>
 */
public final class FailoverProbe {

    public static final String PROBE = ProbeIds.FAILOVER;

    private final FailoverConfig config;
    private final RunListener listener;
    private final TimeSource time;
    private final Supplier<FailoverTransport> transport;
    private final int ringCapacity;

    /** @throws IllegalArgumentException listing every configuration problem, by field */
    public FailoverProbe(FailoverConfig config, RunListener listener) {
        this(config, listener, TimeSource.system(), () -> new HttpFailoverTransport(config), FailoverRecorder.DEFAULT_RING);
    }

    private FailoverProbe(FailoverConfig config, RunListener listener, TimeSource time,
                          Supplier<FailoverTransport> transport, int ringCapacity) {
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid failover configuration: " + String.join("; ", errors));
        }
        this.config = config;
        this.listener = listener;
        this.time = time;
        this.transport = transport;
        this.ringCapacity = ringCapacity;
    }

    /** The same probe on another clock and transport: for benchmarks that replay hours of traffic. */
    public static FailoverProbe simulated(FailoverConfig config, RunListener listener, TimeSource time,
                                          FailoverTransport transport) {
        return new FailoverProbe(config, listener, time, () -> transport, FailoverRecorder.DEFAULT_RING);
    }

    /**
     * Starts the stream on its own thread and returns at once.
     *
     * @param window     where the injector reports the fault's instants (also reachable through the handle)
     * @param onCritical told as soon as a check is certain to be CRITICAL
     */
    public FailoverRun start(FaultWindow window, CriticalListener onCritical) {
        SecretRedactor redactor = new SecretRedactor(config.token() == null ? List.of() : List.of(config.token()));
        double cap = config.effectiveMaxRequestsPerSecond();
        listener.info(ProbeIds.FAILOVER + ": " + config.rate() + " requests/s for " + config.duration()
                + (cap > 0 ? ", capped at " + cap + " requests/s (maxRequestsPerSecond)"
                : ", no request-rate cap" + (config.maxRequestsPerSecond() == null ? " (loopback gateway)" : "")));
        FailoverRun run = new FailoverRun(config, listener, time, transport.get(), window, onCritical, redactor,
                ringCapacity);
        run.begin();
        return run;
    }

    public FailoverRun start(CriticalListener onCritical) {
        return start(new FaultWindow(), onCritical);
    }

    public FailoverRun start() {
        return start(CriticalListener.none());
    }
}
