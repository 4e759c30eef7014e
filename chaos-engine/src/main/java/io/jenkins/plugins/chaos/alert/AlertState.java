package io.jenkins.plugins.chaos.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.chaos.core.StateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /** For {@link #merge}, which works on the files' text; reading and writing the file is {@link StateFiles}'. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<TreeMap<String, OpenIncident>> TYPE = new TypeReference<>() {
    };
    private static final TypeReference<TreeMap<String, JsonNode>> NODES = new TypeReference<>() {
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

    /**
     * The state after a run that worked on a copy (a Jenkins agent's) while other runs of the job (parallel branches)
     * may have changed the original: every incident the run opened, updated or resolved, over what the original holds
     * now. An incident the run did not touch keeps the original's version, so that two runs never erase each other's
     * incidents. Unknown fields are kept as they are.
     *
     * @param base    the text the run's copy started from; null when there was none
     * @param run     the copy's text after the run; null when the run wrote none (nothing changed)
     * @param current the original's text now; null when there is none
     * @return the text to write over the original
     * @throws IOException when one of them is not a state file
     */
    public static String merge(String base, String run, String current) throws IOException {
        if (run == null) {
            return current;
        }
        TreeMap<String, JsonNode> before = entries(base);
        TreeMap<String, JsonNode> after = entries(run);
        TreeMap<String, JsonNode> merged = entries(current);
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            JsonNode mine = after.get(key);
            if (Objects.equals(before.get(key), mine)) {
                continue;
            }
            if (mine == null) {
                merged.remove(key);
            } else {
                merged.put(key, mine);
            }
        }
        return JSON.writeValueAsString(merged);
    }

    private static TreeMap<String, JsonNode> entries(String text) throws IOException {
        return text == null || text.isBlank() ? new TreeMap<>() : JSON.readValue(text, NODES);
    }

    /** Writes through a temporary file, so that a build killed mid-write leaves the previous state intact. */
    public synchronized void save() throws IOException {
        StateFiles.write(file, ".alert-state", open);
    }
}
