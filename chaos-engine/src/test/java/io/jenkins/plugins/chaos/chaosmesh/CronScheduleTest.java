package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedules as Chaos Mesh's {@code StandardCronParser} (robfig/cron with SecondOptional, Descriptor) reads them: the
 * accepted ones are taken from Chaos Mesh's examples and robfig/cron's parser tests, the refused ones are what its
 * parser returns an error for; the next runs are the playground Schedule simulator's, in UTC unless a zone is named.
 */
class CronScheduleTest {

    private static Instant next(String cron, String after) {
        return CronSchedule.parse(cron).orElseThrow().next(Instant.parse(after)).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"@every 5s", "@every 1h30m", "*/30 * * * *", "0 */2 * * *", "5 4 * * sun", "0 0 1 JAN *",
            "0 9-17 * * MON-FRI", "*/5 * * * * *", "@hourly", "@midnight", "TZ=Europe/Berlin 0 6 * * *",
            "CRON_TZ=UTC @daily", "0,15,30,45 * * * *", "0 0 ? * *", "1-59/2 * * * *"})
    void accepted(String schedule) {
        assertTrue(CronSchedule.problem(schedule).isEmpty(), () -> schedule + ": " + CronSchedule.problem(schedule));
        assertTrue(CronSchedule.parse(schedule).isPresent(), schedule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"every five seconds", "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7",
            "@every 0s", "@every 5", "@every", "@fortnightly", "* * * *", "* * * * * * *", "5-1 * * * *", "*/0 * * * *",
            "* * * FOO *", "", "*-5 * * * *", "@every soon", "a b c d e", "0 0 32 * *", "0 24 * * *",
            "TZ=Mars/Olympus_Mons 0 6 * * *"})
    void refused(String schedule) {
        assertTrue(CronSchedule.problem(schedule).isPresent(), schedule);
        assertTrue(CronSchedule.parse(schedule).isEmpty(), schedule);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertEquals("'61' is not a minute (0-59)", CronSchedule.problem("61 * * * *").orElseThrow());
        assertEquals("'*/0': the step must be a whole number above 0",
                CronSchedule.problem("*/0 * * * *").orElseThrow());
        assertTrue(CronSchedule.problem("@fortnightly").orElseThrow().contains("allowed: @yearly"));
        assertTrue(CronSchedule.problem("TZ=Mars/Olympus_Mons @daily").orElseThrow().contains("unknown time zone"));
    }

    @Test
    void nullIsNoSchedule() {
        assertTrue(CronSchedule.parse(null).isEmpty());
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
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), next("@weekly", "2026-12-02T00:10:00Z"), "Sunday");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("@yearly", "2026-12-02T00:10:00Z"));
    }

    @Test
    void secondsNamesAndTimeZones() {
        assertEquals(Instant.parse("2026-12-02T00:10:20Z"), next("*/5 * * * * *", "2026-12-02T00:10:17Z"));
        assertEquals(Instant.parse("2026-12-02T00:11:00Z"), next("0 * * * * *", "2026-12-02T00:10:00Z"));
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"), next("0 9 * * MON", "2026-12-02T00:10:00Z"));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("0 0 1 JAN *", "2026-12-02T00:10:00Z"));
        // 06:00 in Berlin is 05:00 UTC in winter.
        assertEquals(Instant.parse("2026-12-02T05:00:00Z"), next("TZ=Europe/Berlin 0 6 * * *", "2026-12-02T00:10:00Z"));
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), next("CRON_TZ=UTC @daily", "2026-12-02T00:10:00Z"));
    }

    @Test
    void dayOfMonthAndDayOfWeekAreOredWhenBothAreRestricted() {
        // The 15th or any Sunday: Sunday 2026-12-06 comes first.
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), next("0 0 15 * 0", "2026-12-02T00:00:00Z"));
        // A bare * or ? leaves the other alone: the 15th, whatever weekday it is.
        assertEquals(Instant.parse("2026-12-15T00:00:00Z"), next("0 0 15 * ?", "2026-12-02T00:00:00Z"));
    }

    @Test
    void noRunWithinFiveYearsIsNone() {
        assertTrue(CronSchedule.parse("0 0 31 2 *").orElseThrow().next(Instant.parse("2026-12-02T00:00:00Z"))
                .isEmpty());
    }
}
