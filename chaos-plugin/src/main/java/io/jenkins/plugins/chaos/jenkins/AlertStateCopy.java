package io.jenkins.plugins.chaos.jenkins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The job's open incidents (the dispatcher's JSON state file: dedup keys and check ids, no secret) travel with the
 * run as text: the controller's file under {@code $JENKINS_HOME/chaos-engineering} is the record; the agent's copy is
 * what the live dispatcher reads and rewrites after each accepted trigger or resolve while the run runs; its text
 * comes back with the result and is merged into the record: parallel branches of one job each work on a copy, and
 * a plain copy back would let the last one to finish erase the others' incidents.
 */
final class AlertStateCopy {
    /** Far above any real state (one line per open incident); a larger file is not carried to the agent. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private AlertStateCopy() {
    }

    /** The file's text, or null when there is none yet. */
    static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("the alert state file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Puts the text where the dispatcher will read it; a stale copy of an earlier run goes first. */
    static void place(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        if (text != null) {
            write(file, text);
        }
    }

    /**
     * What the run changed (its copy's text against the text it started from) over what the record holds now, under
     * one lock: the branches of a build finish on the controller's threads, possibly together.
     */
    static synchronized void saveMerged(Path record, String base, String run) throws IOException {
        String merged = EngineBridge.mergeAlertState(base, run, read(record));
        if (merged != null) {
            write(record, merged);
        }
    }

    /** Written beside the file and renamed over it: a process that stops half-way never leaves a truncated file. */
    static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve(file.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
