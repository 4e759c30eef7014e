package io.jenkins.plugins.chaos.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs of one job on copies of its state (the plugin's parallel branches, each on its agent). */
class AlertStateMergeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    /** The text the dispatcher writes for these incidents. */
    private String state(String... keys) throws IOException {
        Path file = dir.resolve("state-" + System.nanoTime() + ".json");
        AlertState state = AlertState.empty(file);
        for (String key : keys) {
            state.opened(key, key.substring(key.lastIndexOf(':') + 1), "prod", "exp", T0, 1);
        }
        state.save();
        return Files.readString(file);
    }

    private AlertState read(String text) throws IOException {
        Path file = dir.resolve("merged-" + System.nanoTime() + ".json");
        Files.writeString(file, text);
        return AlertState.load(file);
    }

    @Test
    void parallelRunsKeepEachOthersIncidents() throws IOException {
        String base = state("chaos:prod:old");
        // branch A resolved old and opened a; branch B, finished first, opened b
        String afterA = state("chaos:prod:a");
        String current = state("chaos:prod:old", "chaos:prod:b");

        AlertState merged = read(AlertState.merge(base, afterA, current));

        assertTrue(merged.isOpen("chaos:prod:a"), "A's page");
        assertTrue(merged.isOpen("chaos:prod:b"), "B's page, which A's copy never saw");
        assertFalse(merged.isOpen("chaos:prod:old"), "A resolved it");
    }

    @Test
    void anIncidentTheRunDidNotTouchKeepsTheOriginalsVersion() throws IOException {
        String base = state("chaos:prod:x");
        Path file = dir.resolve("current.json");
        AlertState current = AlertState.empty(file);
        current.opened("chaos:prod:x", "x", "prod", "exp", T0, 1);
        current.opened("chaos:prod:x", "x", "prod", "exp", T0.plusSeconds(60), 2);
        current.save();

        AlertState merged = read(AlertState.merge(base, base, Files.readString(file)));

        assertEquals(3, merged.open().get("chaos:prod:x").observations(), "the other run's observations stay");
    }

    @Test
    void aRunThatWroteNothingChangesNothingAndNoStateYetIsEmpty() throws IOException {
        String current = state("chaos:prod:b");
        assertEquals(current, AlertState.merge(state(), null, current));
        assertNull(AlertState.merge(null, null, null));
        assertTrue(read(AlertState.merge(null, state("chaos:prod:a"), null)).isOpen("chaos:prod:a"));
    }

    @Test
    void aFileThatIsNotAStateIsAnError() {
        assertThrows(IOException.class, () -> AlertState.merge(null, "[1, 2]", null));
    }
}
