package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.plan.FailoverExpectation;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Aggregates the failover stream in memory that does not grow with the number of requests: counts and a latency
 * histogram per second (closed into a small row when the second ends), one overall histogram, and a fixed ring of
 * recent (time, class) events. The ring exists because the fault's injection instant is reported after the fact:
 * when it arrives, the responses since that instant are still there to find the first failover in.
 */
final class FailoverRecorder {

    /** One hour in microseconds: anything slower is recorded as one hour. */
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    static final int DEFAULT_RING = 1 << 16;
    private static final ResponseClass[] CLASSES = ResponseClass.values();

    /** A closed second: what a {@link TimelinePoint} needs except whether the fault was active. */
    private record Second(long epochSecond, int[] counts, double p50, double p95, double p99) {
    }

    private final TimeSource time;
    private final FaultWindow window;
    private final long maxFailoverNanos;
    private final Set<ResponseClass> failedOver;
    private final Set<ResponseClass> recovered;
    private final String timeCheck;
    private final Histogram overall = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram perSecond = new Histogram(HIGHEST_MICROS, 3);
    private final List<Second> seconds = new ArrayList<>();
    private final long[] totals = new long[CLASSES.length];
    private final Map<String, Long> ungracefulReasons = new TreeMap<>();
    private final long[] ringNanos;
    private final byte[] ringClasses;
    private int ringNext;
    private long ringSize;

    private long currentSecond = Long.MIN_VALUE;
    private int[] currentCounts = new int[CLASSES.length];
    private String firstUngraceful;
    private long lastUngracefulNanos = Long.MIN_VALUE;
    private Long failoverNanos;
    private Long recoveryNanos;
    private Instant scannedInjection;
    private Instant scannedRemoval;
    private boolean lateFailoverReported;

    FailoverRecorder(TimeSource time, FaultWindow window, Duration maxFailover, int ringCapacity) {
        this(time, window, maxFailover, ringCapacity, FailoverExpectation.FAILOVER);
    }

    /**
     * @param expectation decides which responses end the failover wait: only the secondary's when failover is
     *                    expected (a graceful error is then no failover), a graceful error or any served response
     *                    when every provider is down; and which end the recovery wait (the primary, or any provider)
     */
    FailoverRecorder(TimeSource time, FaultWindow window, Duration maxFailover, int ringCapacity,
                     FailoverExpectation expectation) {
        this.time = time;
        this.timeCheck = FailoverJudge.timeCheck(expectation);
        this.failedOver = expectation == FailoverExpectation.FAILOVER
                ? EnumSet.of(ResponseClass.SECONDARY)
                : EnumSet.of(ResponseClass.SECONDARY, ResponseClass.GRACEFUL_ERROR);
        this.recovered = expectation == FailoverExpectation.FAILOVER
                ? EnumSet.of(ResponseClass.PRIMARY)
                : EnumSet.of(ResponseClass.PRIMARY, ResponseClass.SECONDARY);
        this.window = window;
        this.maxFailoverNanos = maxFailover.toNanos();
        this.ringNanos = new long[ringCapacity];
        this.ringClasses = new byte[ringCapacity];
    }

    /**
     * Records one completed request at the current time.
     *
     * @param evidence the excerpt to keep if this is the first ungraceful response (only evaluated then)
     * @return the checks that just became certainly CRITICAL, by name (usually none)
     */
    synchronized List<String> record(Classification classification, long latencyNanos, Supplier<String> evidence) {
        long now = time.nanoTime();
        long epochSecond = time.toInstant(now).getEpochSecond();
        if (epochSecond != currentSecond) {
            closeSecond();
            currentSecond = epochSecond;
        }
        ResponseClass responseClass = classification.responseClass();
        currentCounts[responseClass.ordinal()]++;
        totals[responseClass.ordinal()]++;
        long micros = Math.min(HIGHEST_MICROS, Math.max(1, latencyNanos / 1_000));
        perSecond.recordValue(micros);
        overall.recordValue(micros);
        ringNanos[ringNext] = now;
        ringClasses[ringNext] = (byte) responseClass.ordinal();
        ringNext = (ringNext + 1) % ringNanos.length;
        ringSize++;

        List<String> critical = new ArrayList<>(0);
        if (responseClass == ResponseClass.UNGRACEFUL) {
            ungracefulReasons.merge(classification.reason(), 1L, Long::sum);
            lastUngracefulNanos = now;
            if (firstUngraceful == null) {
                firstUngraceful = evidence.get();
                critical.add(FailoverJudge.UNGRACEFUL);
            }
        }
        resolve();
        if (failoverNanos != null && !lateFailoverReported && failoverNanos - injectionNanos() > maxFailoverNanos) {
            lateFailoverReported = true;
            critical.add(timeCheck);
        }
        return critical;
    }

    /**
     * Failover is certainly too slow once the threshold has passed since injection with no failover, while the
     * stream has seen ungraceful answers since injection (the primary path is broken, nothing took over).
     */
    synchronized boolean failoverDeadlineMissed() {
        resolve();
        if (lateFailoverReported || failoverNanos != null || window.injectedAt().isEmpty()) {
            return false;
        }
        long injected = injectionNanos();
        if (time.nanoTime() - injected > maxFailoverNanos && lastUngracefulNanos >= injected) {
            lateFailoverReported = true;
            return true;
        }
        return false;
    }

    /** Totals so far, for progress lines. */
    synchronized String countsLine() {
        long requests = totals[0] + totals[1] + totals[2] + totals[3];
        return requests + " responses (" + totals[0] + " primary, " + totals[1] + " secondary, " + totals[2]
                + " graceful errors, " + totals[3] + " ungraceful)";
    }

    /** Closes the open second and summarises everything; call once the stream has drained. */
    synchronized Summary finish() {
        closeSecond();
        resolve();
        Optional<Instant> injected = window.injectedAt();
        Optional<Instant> removed = window.removedAt();
        List<TimelinePoint> timeline = new ArrayList<>();
        long[] duringFault = new long[CLASSES.length];
        long previous = Long.MIN_VALUE;
        for (Second second : seconds) {
            // Seconds without a single completion (a hanging gateway) still belong on the timeline.
            for (long gap = previous + 1; previous != Long.MIN_VALUE && gap < second.epochSecond; gap++) {
                timeline.add(new TimelinePoint(gap, 0, 0, 0, 0, 0, 0, 0, 0, active(gap, injected, removed)));
            }
            boolean active = active(second.epochSecond, injected, removed);
            if (active) {
                for (int i = 0; i < CLASSES.length; i++) {
                    duringFault[i] += second.counts[i];
                }
            }
            int[] c = second.counts;
            timeline.add(new TimelinePoint(second.epochSecond, c[0] + c[1] + c[2] + c[3],
                    c[ResponseClass.PRIMARY.ordinal()], c[ResponseClass.SECONDARY.ordinal()],
                    c[ResponseClass.GRACEFUL_ERROR.ordinal()], c[ResponseClass.UNGRACEFUL.ordinal()],
                    second.p50, second.p95, second.p99, active));
            previous = second.epochSecond;
        }
        long requests = totals[0] + totals[1] + totals[2] + totals[3];
        long errors = totals[ResponseClass.GRACEFUL_ERROR.ordinal()] + totals[ResponseClass.UNGRACEFUL.ordinal()];
        boolean any = overall.getTotalCount() > 0;
        FailoverStats stats = new FailoverStats(requests, totals[0], totals[1], totals[2], totals[3],
                ungracefulReasons, injected.orElse(null), removed.orElse(null),
                failoverNanos == null ? null : millisBetween(injectionNanos(), failoverNanos),
                recoveryNanos == null ? null : millisBetween(removalNanos(), recoveryNanos),
                any ? millis(overall.getValueAtPercentile(50)) : 0, any ? millis(overall.getValueAtPercentile(95)) : 0,
                any ? millis(overall.getValueAtPercentile(99)) : 0, any ? millis(overall.getMaxValue()) : 0,
                requests == 0 ? 0 : (double) errors / requests);
        return new Summary(stats, timeline, duringFault, firstUngraceful);
    }

    /** What {@link #finish()} hands the judge. {@code duringFault} is indexed by {@link ResponseClass#ordinal()}. */
    record Summary(FailoverStats stats, List<TimelinePoint> timeline, long[] duringFault, String firstUngraceful) {
        long duringFault(ResponseClass responseClass) {
            return duringFault[responseClass.ordinal()];
        }
    }

    private void closeSecond() {
        if (currentSecond == Long.MIN_VALUE) {
            return;
        }
        seconds.add(new Second(currentSecond, currentCounts, millis(perSecond.getValueAtPercentile(50)),
                millis(perSecond.getValueAtPercentile(95)), millis(perSecond.getValueAtPercentile(99))));
        perSecond.reset();
        currentCounts = new int[CLASSES.length];
        currentSecond = Long.MIN_VALUE;
    }

    /** Finds failover and recovery once their instants are known, first in the ring, then as events arrive. */
    private void resolve() {
        Optional<Instant> injected = window.injectedAt();
        Optional<Instant> removed = window.removedAt();
        if (failoverNanos == null && injected.isPresent()) {
            if (!injected.get().equals(scannedInjection)) {
                scannedInjection = injected.get();
                failoverNanos = firstInRing(injectionNanos(), failedOver);
            } else {
                failoverNanos = lastIfMatches(injectionNanos(), failedOver);
            }
        }
        if (recoveryNanos == null && removed.isPresent()) {
            if (!removed.get().equals(scannedRemoval)) {
                scannedRemoval = removed.get();
                recoveryNanos = firstInRing(removalNanos(), recovered);
            } else {
                recoveryNanos = lastIfMatches(removalNanos(), recovered);
            }
        }
    }

    private Long firstInRing(long fromNanos, Set<ResponseClass> wanted) {
        int size = (int) Math.min(ringSize, ringNanos.length);
        int index = ringSize > ringNanos.length ? ringNext : 0;
        for (int n = 0; n < size; n++, index = (index + 1) % ringNanos.length) {
            if (ringNanos[index] >= fromNanos && wanted.contains(CLASSES[ringClasses[index]])) {
                return ringNanos[index];
            }
        }
        return null;
    }

    private Long lastIfMatches(long fromNanos, Set<ResponseClass> wanted) {
        if (ringSize == 0) {
            return null;
        }
        int last = (ringNext - 1 + ringNanos.length) % ringNanos.length;
        return ringNanos[last] >= fromNanos && wanted.contains(CLASSES[ringClasses[last]]) ? ringNanos[last] : null;
    }

    private long injectionNanos() {
        return time.toNanos(window.injectedAt().orElseThrow());
    }

    private long removalNanos() {
        return time.toNanos(window.removedAt().orElseThrow());
    }

    /** Whether any part of the second lies between injection and removal (or the end, if never removed). */
    private static boolean active(long epochSecond, Optional<Instant> injected, Optional<Instant> removed) {
        if (injected.isEmpty()) {
            return false;
        }
        Instant start = Instant.ofEpochSecond(epochSecond);
        Instant end = start.plusSeconds(1);
        return end.isAfter(injected.get()) && (removed.isEmpty() || start.isBefore(removed.get()));
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return Math.max(0, (toNanos - fromNanos) / 1_000_000);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
