package io.jenkins.plugins.chaos.report;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of one probe's checks: one row of the report's summary table, one entry of the journal's
 * {@code probes}, and the attributes of one JUnit testsuite.
 *
 * @param probe         the probe ({@code isolation.api}, {@code failover}, ...)
 * @param total         number of checks
 * @param passed        checks that PASSED
 * @param warnings      checks with a WARNING
 * @param errors        checks that could not run (ERROR)
 * @param critical      CRITICAL breaches
 * @param durationMillis wall time: from the first check's start to the last check's end (checks run side by side,
 *                       and the failover checks each cover the same stream, so a sum would overstate it)
 */
public record ProbeSummary(String probe, long total, long passed, long warnings, long errors, long critical,
                           long durationMillis) implements Serializable {

    /** The probe's worst verdict, with the same ordering as {@link Verdict#worst}. */
    public Verdict verdict() {
        Verdict worst = Verdict.PASSED;
        if (warnings > 0) {
            worst = worst.worst(Verdict.WARNING);
        }
        if (errors > 0) {
            worst = worst.worst(Verdict.ERROR);
        }
        if (critical > 0) {
            worst = worst.worst(Verdict.CRITICAL);
        }
        return worst;
    }

    /** Counts the given checks of one probe without keeping them. */
    public static ProbeSummary of(String probe, Iterator<CheckResult> checks) {
        Counter counter = new Counter(probe);
        checks.forEachRemaining(counter::add);
        return counter.summary();
    }

    /** One summary per probe, in the order the probes first appear in the checks. */
    public static List<ProbeSummary> byProbe(Iterable<CheckResult> checks) {
        Map<String, Counter> counters = new LinkedHashMap<>();
        for (CheckResult check : checks) {
            counters.computeIfAbsent(check.probe(), Counter::new).add(check);
        }
        List<ProbeSummary> out = new ArrayList<>(counters.size());
        counters.values().forEach(c -> out.add(c.summary()));
        return out;
    }

    /** Mutable tally used while streaming; {@link #summary()} freezes it. */
    static final class Counter {
        private final String probe;
        private long total;
        private long passed;
        private long warnings;
        private long errors;
        private long critical;
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd = Long.MIN_VALUE;

        Counter(String probe) {
            this.probe = probe;
        }

        void add(CheckResult check) {
            total++;
            long start = check.startedAt().toEpochMilli();
            firstStart = Math.min(firstStart, start);
            lastEnd = Math.max(lastEnd, start + Math.max(0, check.durationMillis()));
            switch (check.verdict()) {
                case PASSED -> passed++;
                case WARNING -> warnings++;
                case ERROR -> errors++;
                case CRITICAL -> critical++;
                default -> throw new IllegalStateException("unknown verdict " + check.verdict());
            }
        }

        ProbeSummary summary() {
            long wall = total == 0 ? 0 : Math.max(0, lastEnd - firstStart);
            return new ProbeSummary(probe, total, passed, warnings, errors, critical, wall);
        }
    }
}
