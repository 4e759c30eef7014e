package io.jenkins.plugins.chaos.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

    private static final TypeReference<TreeMap<String, Integer>> TYPE = new TypeReference<>() {
    };

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNoState() throws IOException {
        assertTrue(StateFiles.read(dir.resolve("absent.json"), TYPE).isEmpty());
    }

    @Test
    void writesIntoNewDirectoriesAndReadsBack() throws IOException {
        Path file = dir.resolve("a/b/state.json");
        StateFiles.write(file, ".state", new TreeMap<>(Map.of("x", 1, "y", 2)));
        assertEquals(Map.of("x", 1, "y", 2), StateFiles.read(file, TYPE).orElseThrow());
        assertTrue(Files.readString(file).contains("\n"), "indented for people");
    }

    @Test
    void replacesTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("state.json");
        StateFiles.write(file, ".state", Map.of("x", 1));
        StateFiles.write(file, ".state", Map.of("y", 2));
        assertEquals(Map.of("y", 2), StateFiles.read(file, TYPE).orElseThrow());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousStateAndCleansUp() throws IOException {
        Path file = dir.resolve("state.json");
        StateFiles.write(file, ".state", Map.of("x", 1));
        // Jackson cannot write a plain Object: the write fails after the temporary file was created.
        assertThrows(JsonProcessingException.class, () -> StateFiles.write(file, ".state", new Object()));
        assertEquals(Map.of("x", 1), StateFiles.read(file, TYPE).orElseThrow());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aCorruptFileThrowsForTheCallerToDecide() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{ not json");
        assertThrows(IOException.class, () -> StateFiles.read(file, TYPE));
    }
}
