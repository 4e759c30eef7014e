package io.jenkins.plugins.chaos.probe.failover;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * The failover probe's measurements, for the journal, the metrics ({@code chaos_failover_time_seconds}) and the
 * report. Null durations mean "not observed".
 *
 * @param requests          responses and failures counted
 * @param primary           served by the primary
 * @param secondary         served by another provider
 * @param gracefulErrors    allowed status with a JSON error body
 * @param ungraceful        everything else
 * @param ungracefulReasons ungraceful responses grouped by reason ({@code timeout}, {@code status 502, HTML body})
 * @param injectedAt        when the fault was reported injected
 * @param removedAt         when the fault was reported removed
 * @param failoverMillis    from injection to the first secondary or graceful response
 * @param recoveryMillis    from removal to the first primary response
 * @param p50Millis         latency percentiles over the whole stream
 * @param p95Millis         latency percentiles over the whole stream
 * @param p99Millis         latency percentiles over the whole stream
 * @param maxMillis         the slowest response
 * @param errorRate         (graceful + ungraceful) / requests, 0..1
 */
public record FailoverStats(long requests, long primary, long secondary, long gracefulErrors, long ungraceful,
                            Map<String, Long> ungracefulReasons, Instant injectedAt, Instant removedAt,
                            Long failoverMillis, Long recoveryMillis, double p50Millis, double p95Millis,
                            double p99Millis, double maxMillis, double errorRate) implements Serializable {

    public FailoverStats {
        ungracefulReasons = ungracefulReasons == null ? Map.of() : Map.copyOf(ungracefulReasons);
    }
}
