package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedules as Chaos Mesh's {@code StandardCronParser} (robfig/cron with SecondOptional, Descriptor) reads them: the
 * accepted ones are taken from Chaos Mesh's examples and robfig/cron's parser tests, the refused ones are what its
 * parser returns an error for.
 */
class CronScheduleTest {

    @ParameterizedTest
    @ValueSource(strings = {"@every 5s", "@every 1h30m", "*/30 * * * *", "0 */2 * * *", "5 4 * * sun", "0 0 1 JAN *",
            "0 9-17 * * MON-FRI", "*/5 * * * * *", "@hourly", "@midnight", "TZ=Europe/Berlin 0 6 * * *",
            "CRON_TZ=UTC @daily", "0,15,30,45 * * * *", "0 0 ? * *", "1-59/2 * * * *"})
    void accepted(String schedule) {
        assertTrue(CronSchedule.problem(schedule).isEmpty(), () -> schedule + ": " + CronSchedule.problem(schedule));
    }

    @ParameterizedTest
    @ValueSource(strings = {"every five seconds", "61 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7",
            "@every 0s", "@every 5", "@every", "@fortnightly", "* * * *", "* * * * * * *", "5-1 * * * *", "*/0 * * * *",
            "* * * FOO *", "", "*-5 * * * *"})
    void refused(String schedule) {
        assertTrue(CronSchedule.problem(schedule).isPresent(), schedule);
    }
}
