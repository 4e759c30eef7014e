package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.core.GoDuration;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * When a body-less {@code chaosInject} removes its faults: a wall-clock instant, persisted with the step execution,
 * so that after a controller restart the timer is armed again for what is left (as {@code sleep}'s
 * {@code SleepStep.Execution} keeps its {@code end}), and a hold that ran out during the restart ends at once.
 *
 * <p>A class, not a record: JBoss River, which writes {@code program.dat}, cannot write records (ProgramDatTest).
 */
final class HoldDeadline implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Epoch milliseconds at which the hold ends. */
    private final long endMillis;

    private HoldDeadline(long endMillis) {
        this.endMillis = endMillis;
    }

    static HoldDeadline after(Duration hold, long nowMillis) {
        return new HoldDeadline(Math.addExact(nowMillis, hold.toMillis()));
    }

    /** What is left of the hold; zero once it is over. */
    long remainingMillis(long nowMillis) {
        return Math.max(0, endMillis - nowMillis);
    }

    String describe(long nowMillis) {
        long seconds = (remainingMillis(nowMillis) + 999) / 1000;
        return GoDuration.format(Duration.ofSeconds(seconds)) + " (until " + Instant.ofEpochMilli(endMillis) + ")";
    }
}
