package io.jenkins.plugins.chaos.verdict;

import java.io.Serializable;

/**
 * What the failover probe saw in one second of its request stream; the report draws its timeline from these.
 *
 * @param epochSecond the second (Unix time)
 * @param requests    responses and failures counted in that second
 * @param primary     served by the primary provider
 * @param secondary   served by the secondary provider
 * @param gracefulErrors allowed status with a JSON error body
 * @param ungraceful  other 5xx, HTML or stack traces, resets, timeouts
 * @param p50Millis   latency percentiles of that second
 * @param p95Millis   latency percentiles of that second
 * @param p99Millis   latency percentiles of that second
 * @param faultActive whether a fault was injected during that second
 */
public record TimelinePoint(long epochSecond, int requests, int primary, int secondary, int gracefulErrors,
                            int ungraceful, double p50Millis, double p95Millis, double p99Millis,
                            boolean faultActive) implements Serializable {
}
