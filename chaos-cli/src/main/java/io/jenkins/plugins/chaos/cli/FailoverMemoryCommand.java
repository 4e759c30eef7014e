package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.bench.FailoverMemoryBench;
import io.jenkins.plugins.chaos.engine.ExitCode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos bench failover-memory}: a long failover probe on a simulated clock, printing the heap after GC every
 * simulated 10 minutes; a flat curve under the target shows that memory does not grow with the requests. Run it
 * with {@code -Xmx64m} to prove the target the hard way.
 */
@Command(name = "failover-memory", description = "Failover probe for a simulated hour at 100 req/s (fast clock): "
        + "heap after GC every simulated 10 minutes, against a 64 MiB target.")
final class FailoverMemoryCommand implements Callable<Integer> {

    static final int MAX_MINUTES = 24 * 60;
    /** The bench takes the primary down from minute 20 to 25; a shorter run would judge no failover at all. */
    static final int MIN_MINUTES = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "60", description = "simulated minutes, " + MIN_MINUTES + ".." + MAX_MINUTES
            + " (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--rate", defaultValue = "100", description = "requests per simulated second, 1..1000 "
            + "(default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--target-mib", defaultValue = "64", description = "heap target in MiB (default: ${DEFAULT-VALUE})")
    int targetMib;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES || rate < 1 || rate > 1000 || targetMib < 1) {
            err.println("chaos bench failover-memory: --minutes must be " + MIN_MINUTES + ".." + MAX_MINUTES
                    + " (got " + minutes + "; the primary is down from minute 20 to 25), --rate 1..1000 (got " + rate + "), --target-mib at least 1 (got " + targetMib + ")");
            err.flush();
            return ExitCode.INVALID_INPUT;
        }
        double highest = FailoverMemoryBench.run(minutes, rate, out);
        long limit = Runtime.getRuntime().maxMemory();
        boolean met = highest < targetMib;
        out.printf(Locale.ROOT, "highest heap after GC %.1f MiB (heap limit %.0f MiB): target < %d MiB %s%n", highest,
                limit / (1024.0 * 1024.0), targetMib, met ? "met" : "NOT met");
        out.flush();
        return met ? ExitCode.PASSED : ExitCode.WARNINGS;
    }
}
