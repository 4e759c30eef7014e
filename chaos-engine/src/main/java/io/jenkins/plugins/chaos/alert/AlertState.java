package io.jenkins.plugins.chaos.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.chaos.core.StateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PagerDuty incidents this job has opened and not yet resolved, kept in a small JSON file between runs so
 * that a check that passes again can resolve exactly its incident. Holds dedup keys and check ids only, never
 * the routing key.
 */
public final class AlertState {

    /**
     * One open incident; times as ISO-8601 text, so the file reads well and needs no Jackson time module.
     * {@code observations} counts the checks that saw the boundary broken since the incident opened.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OpenIncident(String checkId, String environment, String experiment, String openedAt,
                               String lastTriggeredAt, int observations) {
    }

    private static final TypeReference<TreeMap<String, OpenIncident>> TYPE = new TypeReference<>() {
    };

    private final Path file;
    private final TreeMap<String, OpenIncident> open;

    private AlertState(Path file, TreeMap<String, OpenIncident> open) {
        this.file = file;
        this.open = open;
    }

    /**
     * Reads the file; a missing file is an empty state. A corrupt file throws, and the caller decides: losing it
     * silently would leave incidents open forever.
     */
    public static AlertState load(Path file) throws IOException {
        return new AlertState(file, StateFiles.read(file, TYPE).orElseGet(TreeMap::new));
    }

    public static AlertState empty(Path file) {
        return new AlertState(file, new TreeMap<>());
    }

    public synchronized boolean isOpen(String dedupKey) {
        return open.containsKey(dedupKey);
    }

    public synchronized Map<String, OpenIncident> open() {
        return Map.copyOf(open);
    }

    public synchronized void opened(String dedupKey, String checkId, String environment, String experiment,
                                    Instant at, int observations) {
        OpenIncident previous = open.get(dedupKey);
        String since = previous == null ? at.toString() : previous.openedAt();
        int seen = (previous == null ? 0 : previous.observations()) + observations;
        open.put(dedupKey, new OpenIncident(checkId, environment, experiment, since, at.toString(), seen));
    }

    /** When the incident was first triggered; empty when it is not open or the file predates the field. */
    public synchronized Optional<Instant> openedAt(String dedupKey) {
        OpenIncident incident = open.get(dedupKey);
        if (incident == null || incident.openedAt() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(incident.openedAt()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public synchronized void resolved(String dedupKey) {
        open.remove(dedupKey);
    }

    /** Writes through a temporary file, so that a build killed mid-write leaves the previous state intact. */
    public synchronized void save() throws IOException {
        StateFiles.write(file, ".alert-state", open);
    }
}
