package io.jenkins.plugins.chaos.playground.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Schedules as robfig/cron's standard parser reads them (Chaos Mesh's StandardCronParser), in UTC. */
class CronScheduleTest {

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).orElseThrow().next(Instant.parse(after)).orElseThrow();
    }

    @Test
    void fiveFieldsDescriptorsAndEvery() {
        assertEquals(Instant.parse("2026-12-02T00:30:00Z"), next("*/30 * * * *", "2026-12-02T00:10:17Z"));
        assertEquals(Instant.parse("2026-12-02T01:00:00Z"), next("*/30 * * * *", "2026-12-02T00:30:00Z"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("0 0 1 1 *", "2026-12-02T00:10:00Z"));
        assertEquals(Instant.parse("2026-12-02T01:00:00Z"), next("@hourly", "2026-12-02T00:10:00Z"));
        assertEquals(Instant.parse("2026-12-02T00:10:05Z"), next("@every 5s", "2026-12-02T00:10:00.400Z"));
        assertEquals(Instant.parse("2026-12-05T09:00:00Z"), next("0 9 * * 6", "2026-12-02T00:10:00Z"), "Saturday");
        assertEquals(Instant.parse("2026-12-07T09:15:00Z"), next("15 9 * * 1-5", "2026-12-05T00:00:00Z"), "Monday");
    }

    @Test
    void dayOfMonthAndDayOfWeekAreOredWhenBothAreRestricted() {
        // The 15th or any Sunday: Sunday 2026-12-06 comes first.
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), next("0 0 15 * 0", "2026-12-02T00:00:00Z"));
    }

    @Test
    void malformedExpressionsAreRefused() {
        for (String bad : new String[] {"61 * * * *", "* * * *", "*/0 * * * *", "@every 0s", "@every soon", "a b c d e",
                "0 0 32 * *", "0 24 * * *"}) {
            assertTrue(CronSchedule.parse(bad).isEmpty(), bad);
        }
    }
}
