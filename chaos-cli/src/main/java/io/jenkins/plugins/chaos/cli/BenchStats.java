package io.jenkins.plugins.chaos.cli;

import java.util.Arrays;

/** The summaries the benchmarks print of their timings. */
final class BenchStats {

    private BenchStats() {
    }

    /** The upper median: the middle value, or of an even count the higher of the two middle ones. */
    static double p50(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The mean, 0 when there are no values. */
    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
