package io.jenkins.plugins.chaos.bench;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.playground.failover.SimulatedTimeSource;
import io.jenkins.plugins.chaos.playground.failover.SyntheticGatewayTransport;
import io.jenkins.plugins.chaos.probe.failover.*;
import java.io.PrintWriter;
import java.time.Instant;

/**
 * Shows that the failover probe's memory does not grow with the number of requests: one simulated hour at
 * 100 requests/s (360,000 requests) through the real pacing, classification and aggregation code, on a simulated
 * clock, printing the used heap after a full GC every simulated 10 minutes. The primary is down from minute 20 to
 * minute 25. Usage: {@code FailoverMemoryBench [minutes] [rate]}.
 */
public final class FailoverMemoryBench {

    private static final long MINUTE = 60_000_000_000L;

    private FailoverMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        run(minutes, rate, new PrintWriter(System.out, true));
    }

    /**
     * The whole bench, printing its heap curve to {@code out}; {@code chaos bench failover-memory} calls this.
     *
     * @return the highest heap use after GC seen along the curve, in MiB
     */
    public static double run(int minutes, double rate, PrintWriter out) throws InterruptedException {
        SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2026-01-01T00:00:00Z"));
        FaultWindow window = new FaultWindow();
        long[] nextReport = {10 * MINUTE};
        boolean[] injected = {false};
        boolean[] removed = {false};
        double[] highest = {0};
        long wallStart = System.nanoTime();
        out.printf("heap used at start: %.1f MiB%n", usedMiB());
        SyntheticGatewayTransport transport = new SyntheticGatewayTransport(time, now -> {
            // This runs on the pacing thread at each request's due time: the bench's "fault injector".
            if (!injected[0] && now >= 20 * MINUTE ) {
                injected[0] = true;
                window.injected(time.toInstant(now));
            }
            if (!removed[0] && now >= 25 * MINUTE ) {
                removed[0] = true;
                window.removed(time.toInstant(now));
            }
            if (now >= nextReport[0]) {
                double used = usedMiB();
                highest[0] = Math.max(highest[0], used);
                out.printf("simulated %3d min: heap used after GC %.1f MiB (%.1f s wall)%n", nextReport[0] / MINUTE,
                        used, (System.nanoTime() - wallStart) / 1e9);
                nextReport[0] += 10 * MINUTE;
            }
            return now >= 20 * MINUTE && now < 25 * MINUTE;
        });
        FailoverConfig config = FailoverConfig.of("http://127.0.0.1:1", "bench", null)
                .withRate(rate).withDuration(minutes + "m");
        FailoverProbe probe = FailoverProbe.simulated(config, RunListener.silent(), time, transport);
        FailoverResult result = probe.start(window, CriticalListener.none()).awaitResult();
        double end = usedMiB();
        highest[0] = Math.max(highest[0], end);
        out.printf("simulated %d min at %.0f req/s: %d requests in %.1f s wall; heap used after GC %.1f MiB%n",
                minutes, rate, result.stats().requests(), (System.nanoTime() - wallStart) / 1e9, end);
        out.printf("timeline points %d; failover %d ms; recovery %d ms; p95 %.1f ms; checks %s%n",
                result.timeline().size(), result.stats().failoverMillis(), result.stats().recoveryMillis(),
                result.stats().p95Millis(), result.checks().stream().map(c -> c.name() + "=" + c.verdict()).toList());
        return highest[0];
    }

    private static double usedMiB() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }
}
