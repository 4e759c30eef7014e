package io.jenkins.plugins.chaos.bench;

import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.report.JunitXmlWriter;
import io.jenkins.plugins.chaos.report.ProbeSummary;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the streaming JUnit XML writer: N generated test cases (default 100,000; 1% breaches with
 * evidence, 0.4% errors, 2% warnings), produced one at a time so that none of them is ever held, written to one
 * suite; prints the time and the peak heap. Run it in a small heap to show memory does not grow with N:
 * <pre>java -Xmx64m -cp chaos-cli/target/chaos-cli-0.1.0-SNAPSHOT-cli.jar io.jenkins.plugins.chaos.bench.JunitXmlBench 100000</pre>
 * Arguments: [cases] [output directory, default a temporary one that is deleted afterwards].
 */
public final class JunitXmlBench {

    private JunitXmlBench() {
    }

    public static void main(String[] args) throws Exception {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        if (cases < 1) {
            throw new IllegalArgumentException("cases must be at least 1, got " + cases);
        }
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("junit-bench-");
        boolean cleanUp = args.length <= 1;
        Path target = dir.resolve(JunitXmlWriter.fileName(ProbeIds.ISOLATION_API));

        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long start = System.nanoTime();
        ProbeSummary summary = new JunitXmlWriter(JunitXmlWriter.localHostname(), SecretRedactor.none(),
                Map.of("chaos.runId", "bench"))
                .writeSuite(ProbeIds.ISOLATION_API, new Generated(cases), Instant.now(), target);
        long elapsedNanos = System.nanoTime() - start;
        sampler.stop();

        long bytes = Files.size(target);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "cases:              %,d (%,d critical, %,d errors, %,d warnings)%n",
                summary.total(), summary.critical(), summary.errors(), summary.warnings());
        System.out.printf(Locale.ROOT, "file:               %s (%,.1f MiB)%n", target, bytes / 1048576.0);
        System.out.printf(Locale.ROOT, "time:               %,d ms (%,.0f cases/s)%n", elapsedNanos / 1_000_000,
                cases / (elapsedNanos / 1e9));
        System.out.printf(Locale.ROOT, "peak heap used:     %,.1f MiB (sampled every 5 ms: %,.1f MiB; pool peaks)%n",
                sampler.poolPeakBytes() / 1048576.0, sampler.sampledPeak.get() / 1048576.0);
        System.out.printf(Locale.ROOT, "max heap (-Xmx):    %,.1f MiB%n", runtime.maxMemory() / 1048576.0);
        if (cleanUp) {
            Files.deleteIfExists(target);
            Files.deleteIfExists(dir);
        }
    }

    /** Makes check number i on demand, shaped like an isolation probe's results. */
    private static final class Generated implements Iterator<CheckResult> {
        private static final String[] TENANTS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
        private final int total;
        private int next;

        Generated(int total) {
            this.total = total;
        }

        @Override
        public boolean hasNext() {
            return next < total;
        }

        @Override
        public CheckResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = next++;
            String from = TENANTS[i % TENANTS.length];
            String to = TENANTS[(i / TENANTS.length + 1 + i) % TENANTS.length];
            String name = from + "->" + to + " GET /v1/tenants/" + to + "/files/" + i;
            Verdict verdict = i % 100 == 0 ? Verdict.CRITICAL : i % 250 == 7 ? Verdict.ERROR
                    : i % 50 == 3 ? Verdict.WARNING : Verdict.PASSED;
            List<String> evidence = verdict == Verdict.CRITICAL
                    ? List.of("GET http://127.0.0.1:8080/v1/tenants/" + to + "/files/" + i, "status: 200",
                    "body: {\"files\":[\"" + to + "-plan.pdf\"], \"note\": \"<b>&amp; ]]>\"}")
                    : List.of("status: 403");
            return new CheckResult(ProbeIds.ISOLATION_API, name, verdict,
                    verdict == Verdict.PASSED ? "HTTP 403 as expected" : verdict + " on " + name, evidence,
                    Instant.ofEpochSecond(1_700_000_000L + i / 100), 5 + i % 300);
        }
    }

    /** Peak heap: the JVM's per-pool peaks (exact, include garbage not yet collected) and a 5 ms sample. */
    private static final class HeapSampler {
        final AtomicLong sampledPeak = new AtomicLong();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running;
        private Thread thread;

        void start() {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
            running = true;
            thread = DaemonThreads.daemon("heap-sampler", () -> {
                while (running) {
                    sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        /** Sum of the heap pools' peaks: an upper bound, since the pools need not peak at the same moment. */
        long poolPeakBytes() {
            long sum = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    sum += pool.getPeakUsage().getUsed();
                }
            }
            return sum;
        }
    }
}
