package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.bench.OkHttpIsolationMatrix;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.api.ApiIsolationProbe;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * The tenant-isolation matrix through {@link ApiIsolationProbe}, timed: throughput of the whole matrix (judging
 * included, since that is what a user waits for), the calls' latency in an HdrHistogram and the JVM's peak heap.
 * A small warm-up matrix runs first so that class loading and JIT compilation are not what is measured.
 */
final class IsolationBench {

    /** Where the matrix runs and how wide it is. Tokens are secrets: toString leaves them out. */
    record Target(String gatewayUrl, Map<String, String> tenants, List<RequestTemplate> endpoints, int concurrency) {
        Target {
            tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
            endpoints = List.copyOf(endpoints);
        }

        ApiIsolationConfig config() {
            // Benchmarks measure the probe itself: no rate cap (0), whatever the gateway's address.
            return new ApiIsolationConfig(gatewayUrl, tenants, endpoints, null, concurrency, "10s", 0.0);
        }

        @Override
        public String toString() {
            return "Target[gatewayUrl=" + gatewayUrl + ", tenants=" + tenants.size() + ", endpoints=" + endpoints
                    + ", concurrency=" + concurrency + "]";
        }
    }

    /**
     * @param roundSeconds  how long each measured run of the whole matrix took, in order
     * @param calls         calls of one run of the matrix
     * @param peakHeapBytes highest heap use during the measured runs (whole JVM: with an in-process gateway, its
     *                      share too); it mostly shows how lazily the collector runs, {@code liveHeapBytes} what
     *                      a run keeps
     * @param liveHeapBytes heap use after a full GC with the last run's checks still held
     * @param verdicts      over all measured runs
     * @param client        the HTTP client that sent the matrix ({@link Client#label()})
     */
    record Result(int tenants, int endpoints, int calls, int concurrency, List<Double> roundSeconds, double p50Millis,
                  double p99Millis, double maxMillis, long peakHeapBytes, long liveHeapBytes, long maxHeapBytes,
                  Map<Verdict, Long> verdicts, String client) {

        Result {
            roundSeconds = List.copyOf(roundSeconds);
        }

        /** The median run's duration: one run disturbed by the machine's other work does not decide the number. */
        double seconds() {
            List<Double> sorted = roundSeconds.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        double requestsPerSecond() {
            return calls / seconds();
        }

        private String roundRates() {
            return roundSeconds.stream().map(s -> String.format(Locale.ROOT, "%.0f", calls / s))
                    .collect(Collectors.joining(" "));
        }

        boolean allPassed() {
            return verdicts.keySet().stream().allMatch(v -> v == Verdict.PASSED) && calls > 0;
        }

        Verdict worst() {
            return verdicts.keySet().stream().reduce(Verdict.PASSED, Verdict::worst);
        }

        String describe() {
            double fastest = roundSeconds.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double slowest = roundSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return String.format(Locale.ROOT, """
                    chaos bench isolation: %d tenants x %d endpoints, %d in flight, client %s
                      calls:        %d per run (%d cross-tenant, %d positive controls)
                      runs:         %d; requests/s of each: %s
                      seconds:      %.2f (median run)
                      requests/s:   %.0f (median run)
                      latency:      p50 %.2f ms, p99 %.2f ms, max %.2f ms (all runs)
                      peak heap:    %.1f MiB (heap limit %s); after GC, checks held: %.1f MiB
                      verdicts:     %s -> %s
                    bench-isolation-result calls=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f peak_heap_mib=%.1f all_passed=%s runs=%d rps_min=%.1f rps_max=%.1f client=%s""",
                    tenants, endpoints, concurrency, client, calls, calls - tenants * endpoints, tenants * endpoints,
                    roundSeconds.size(), roundRates(), seconds(), requestsPerSecond(), p50Millis, p99Millis, maxMillis,
                    mib(peakHeapBytes),
                    maxHeapBytes < 0 ? "none" : String.format(Locale.ROOT, "%.0f MiB", mib(maxHeapBytes)),
                    mib(liveHeapBytes), verdicts, allPassed() ? "all PASSED" : "NOT all passed (worst " + worst() + ")",
                    calls, seconds(), requestsPerSecond(), p50Millis, p99Millis, mib(peakHeapBytes), allPassed(),
                    roundSeconds.size(), calls / slowest, calls / fastest, client);
        }

        private static double mib(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }

    /**
     * Which HTTP client sends the matrix: {@code ours} is {@link ApiIsolationProbe} on the engine's {@code probe.http};
     * {@code okhttp} is the same matrix, judged the same way, through OkHttp's Dispatcher ({@link OkHttpIsolationMatrix},
     * bench only), {@code okhttp-blocking} through OkHttp's blocking calls on threads of our own.
     */
    enum Client {
        OURS(null), OKHTTP(OkHttpIsolationMatrix.Mode.DISPATCHER), OKHTTP_BLOCKING(OkHttpIsolationMatrix.Mode.BLOCKING);

        private final OkHttpIsolationMatrix.Mode okhttp;

        Client(OkHttpIsolationMatrix.Mode okhttp) {
            this.okhttp = okhttp;
        }

        static Client named(String name) {
            for (Client client : values()) {
                if (client.label().equals(name)) {
                    return client;
                }
            }
            return null;
        }

        String label() {
            return okhttp == null ? "ours" : okhttp.label();
        }

        Matrix matrix(ApiIsolationConfig config, RunListener listener, LongConsumer latencyNanos) {
            return okhttp != null ? new OkHttpIsolationMatrix(okhttp, config, listener, latencyNanos)::run
                    : new ApiIsolationProbe(config, listener, latencyNanos)::run;
        }
    }

    /** One run of the whole matrix, judged. */
    @FunctionalInterface
    interface Matrix {
        List<CheckResult> run() throws InterruptedException;
    }

    private IsolationBench() {
    }

    /**
     * @param warmupTenants tenants of the untimed warm-up matrix (0: none); capped at the target's tenant count
     * @param warmupRounds  how often the warm-up matrix runs: a JVM is measured in steady state, as wrk is
     * @param runs          how often the whole matrix runs measured; the result is the median run
     * @param client        the HTTP client that sends the warm-up and measured runs
     * @param listener      the probe's progress lines of the first measured run
     */
    static Result run(Client client, Target target, int warmupTenants, int warmupRounds, int runs, RunListener listener)
            throws InterruptedException {
        ApiIsolationConfig config = target.config();
        int warm = Math.min(warmupTenants, target.tenants().size());
        if (warm >= 2) {
            Map<String, String> few = new LinkedHashMap<>();
            target.tenants().entrySet().stream().limit(warm).forEach(e -> few.put(e.getKey(), e.getValue()));
            for (int round = 0; round < warmupRounds; round++) {
                client.matrix(config.withTenants(few), RunListener.silent(), nanos -> { }).run();
            }
        }
        // Microseconds, up to the probe's 10 s timeout and beyond (auto-resizing), 3 significant digits.
        ConcurrentHistogram latencies = new ConcurrentHistogram(3);
        List<Double> roundSeconds = new ArrayList<>();
        Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
        List<CheckResult> checks = List.of();
        long peak = 0;
        long max = -1;
        for (int round = 0; round < runs; round++) {
            checks = List.of();
            Matrix probe = client.matrix(config, round == 0 ? listener : RunListener.silent(),
                    nanos -> latencies.recordValue(nanos / 1_000));
            collectGarbage();
            try (HeapPeakMonitor heap = HeapPeakMonitor.start(Duration.ofMillis(5))) {
                long started = System.nanoTime();
                checks = probe.run();
                roundSeconds.add((System.nanoTime() - started) / 1e9);
                peak = Math.max(peak, heap.peakBytes());
                max = heap.maxBytes();
            }
            for (CheckResult check : checks) {
                verdicts.merge(check.verdict(), 1L, Long::sum);
            }
        }
        collectGarbage();
        Runtime rt = Runtime.getRuntime();
        long live = rt.totalMemory() - rt.freeMemory();
        return new Result(target.tenants().size(), target.endpoints().size(), checks.size(), target.concurrency(),
                roundSeconds, latencies.getValueAtPercentile(50) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
                latencies.getMaxValue() / 1000.0, peak, live, max, verdicts, client.label());
    }

    private static void collectGarbage() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
    }
}
