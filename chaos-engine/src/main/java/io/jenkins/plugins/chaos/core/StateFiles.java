package io.jenkins.plugins.chaos.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The small JSON files the engine keeps between runs (open incidents, the dead-man's switch index, pair coverage):
 * written whole through a temporary file in the same directory and moved over the old one, so that a build killed
 * mid-write leaves the previous state intact; read back with a missing file meaning no state yet.
 */
public final class StateFiles {

    /** Indented, so that an on-call engineer can read the file. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StateFiles() {
    }

    /**
     * The file's content, or empty when there is no file. A corrupt file throws: each caller decides, since
     * silently starting over would, for example, leave incidents open forever.
     */
    public static <T> Optional<T> read(Path file, TypeReference<T> type) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), type));
    }

    /**
     * Replaces the file with {@code value} as JSON, creating its directory. The temporary file sits next to it (a
     * move within one file system can be atomic) and is named {@code <tempPrefix>...tmp}; it never outlives the call.
     */
    public static void write(Path file, String tempPrefix, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, tempPrefix, ".tmp");
        try {
            JSON.writeValue(temp.toFile(), value);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
