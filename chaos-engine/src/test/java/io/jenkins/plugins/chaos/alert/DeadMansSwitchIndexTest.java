package io.jenkins.plugins.chaos.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-man's switch's memory: persisted (a restart does not page again), fed by build events (no scan of
 * builds), and a transition recorded only once its page was delivered.
 */
class DeadMansSwitchIndexTest {
    private static final long MINUTE = 60_000L;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("chaos-engineering").resolve("dead-mans-switch.json");
    }

    @Test
    void aFailedPageIsTriedAgainAndADeliveredOneIsNotRepeated() throws IOException {
        DeadMansSwitchIndex index = DeadMansSwitchIndex.load(file());
        index.watch("team/isolation", 0, null, "staging");
        List<DeadMansSwitchIndex.Change> pages = new ArrayList<>();

        // the page fails: nothing is recorded (the in-memory policy had recorded the transition before alerting)
        assertEquals(List.of(), index.check(31 * MINUTE, 30, change -> {
            pages.add(change);
            return false;
        }));
        assertEquals(1, pages.size());
        assertEquals(new DeadMansSwitchIndex.Change("team/isolation", 31, 30, "staging", true), pages.get(0));

        assertEquals(1, index.check(32 * MINUTE, 30, change -> pages.add(change)).size(), "tried again, delivered");
        assertEquals(List.of(), index.check(33 * MINUTE, 30, change -> pages.add(change)), "no second page");
        assertEquals(2, pages.size());
    }

    @Test
    void theStateSurvivesARestartSoNothingIsPagedTwice() throws IOException {
        DeadMansSwitchIndex before = DeadMansSwitchIndex.load(file());
        before.watch("iso", 0, 10, "prod");
        assertEquals(1, before.check(11 * MINUTE, 30, change -> true).size());

        DeadMansSwitchIndex after = DeadMansSwitchIndex.load(file());
        assertEquals(List.of(), after.check(12 * MINUTE, 30, change -> true), "the restart remembered the open page");
        assertEquals(10, after.jobs().get("iso").thresholdMinutes());

        after.started("iso", 20 * MINUTE);
        List<DeadMansSwitchIndex.Change> resolved = DeadMansSwitchIndex.load(file()).check(21 * MINUTE, 30, change -> true);
        assertEquals(1, resolved.size());
        assertEquals(false, resolved.get(0).overdue(), "running again resolves the page");
    }

    @Test
    void onlyWatchedJobsAreTrackedAndAForgottenJobIsGone() throws IOException {
        DeadMansSwitchIndex index = DeadMansSwitchIndex.load(file());
        index.started("not-a-chaos-job", 5 * MINUTE);
        assertTrue(index.jobs().isEmpty());
        index.watch("iso", 0, null, null);
        index.forget("iso");
        assertEquals(List.of(), DeadMansSwitchIndex.load(file()).check(99 * MINUTE, 30, change -> true));
        assertThrows(IllegalArgumentException.class, () -> index.watch("iso", 0, 0, null));
    }

    @Test
    void aCorruptFileIsAnErrorNotAFreshStart() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{not json");
        assertThrows(IOException.class, () -> DeadMansSwitchIndex.load(file()));
    }
}
