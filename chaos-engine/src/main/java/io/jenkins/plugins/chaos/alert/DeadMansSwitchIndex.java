package io.jenkins.plugins.chaos.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jenkins.plugins.chaos.core.StateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The jobs the dead-man's switch watches and whether each is paged as overdue, kept in one JSON file so that a
 * restart neither forgets a job nor pages it again. Jobs are recorded as their builds start and finish (a Jenkins
 * {@code RunListener}), so that the minute-by-minute check reads this file's entries, not the builds of every job.
 * A transition is recorded only after its page went out: a failed page is tried again at the next check.
 */
public final class DeadMansSwitchIndex {

    /**
     * One watched job.
     *
     * @param lastRunMillis    when its latest build started
     * @param thresholdMinutes its own threshold, or null for the global one
     * @param environment      for the alert's dedup key
     * @param overdue          whether it is paged as overdue (and not yet resolved)
     */
    public record Job(long lastRunMillis, Integer thresholdMinutes, String environment, boolean overdue) {
    }

    /** A job whose state changed since the last successful page. */
    public record Change(String job, long minutesSinceLastRun, long thresholdMinutes, String environment,
                         boolean overdue) {
    }

    /** Sends the page (or its resolve) of a change; true when it was delivered. */
    @FunctionalInterface
    public interface Pager {
        boolean page(Change change);
    }

    private static final TypeReference<TreeMap<String, Job>> TYPE = new TypeReference<>() {
    };

    private final Path file;
    private final TreeMap<String, Job> jobs;

    private DeadMansSwitchIndex(Path file, TreeMap<String, Job> jobs) {
        this.file = file;
        this.jobs = jobs;
    }

    /** A missing file is an empty index; a corrupt one throws (silently starting empty would re-page everything). */
    public static DeadMansSwitchIndex load(Path file) throws IOException {
        return new DeadMansSwitchIndex(file, StateFiles.read(file, TYPE).orElseGet(TreeMap::new));
    }

    /** A build of a watched job started: it runs again. Jobs not watched are ignored. */
    public synchronized void started(String job, long startMillis) throws IOException {
        Job known = jobs.get(job);
        if (known != null && startMillis > known.lastRunMillis()) {
            jobs.put(job, new Job(startMillis, known.thresholdMinutes(), known.environment(), known.overdue()));
            save();
        }
    }

    /** A build that ran a scheduled chaos step (or one with its own threshold) finished: the job is watched. */
    public synchronized void watch(String job, long startMillis, Integer thresholdMinutes, String environment)
            throws IOException {
        if (thresholdMinutes != null && thresholdMinutes < 1) {
            throw new IllegalArgumentException("deadManThresholdMinutes: must be at least 1, was " + thresholdMinutes);
        }
        Job known = jobs.get(job);
        long last = known == null ? startMillis : Math.max(startMillis, known.lastRunMillis());
        jobs.put(job, new Job(last, thresholdMinutes, environment, known != null && known.overdue()));
        save();
    }

    /** The job was deleted or renamed away. */
    public synchronized void forget(String job) throws IOException {
        if (jobs.remove(job) != null) {
            save();
        }
    }

    /**
     * Pages every job whose state changed (overdue, or running again after a page) and records each change whose
     * page was delivered; the others stay changes for the next check.
     *
     * @return the changes whose page was delivered
     */
    public synchronized List<Change> check(long nowMillis, long defaultThresholdMinutes, Pager pager) throws IOException {
        List<Change> delivered = new ArrayList<>();
        for (Change change : changes(nowMillis, defaultThresholdMinutes)) {
            if (pager.page(change)) {
                Job known = jobs.get(change.job());
                if (known != null) {
                    jobs.put(change.job(), new Job(known.lastRunMillis(), known.thresholdMinutes(), known.environment(),
                            change.overdue()));
                    save();
                }
                delivered.add(change);
            }
        }
        return delivered;
    }

    synchronized List<Change> changes(long nowMillis, long defaultThresholdMinutes) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, Job> entry : jobs.entrySet()) {
            Job job = entry.getValue();
            long threshold = job.thresholdMinutes() != null ? job.thresholdMinutes() : defaultThresholdMinutes;
            boolean late = DeadMansSwitchPolicy.isOverdue(job.lastRunMillis(), threshold, nowMillis);
            if (late != job.overdue()) {
                changes.add(new Change(entry.getKey(), (nowMillis - job.lastRunMillis()) / 60_000L, threshold,
                        job.environment(), late));
            }
        }
        return changes;
    }

    public synchronized Map<String, Job> jobs() {
        return Map.copyOf(jobs);
    }

    /** Through a temporary file, so that a crash mid-write leaves the previous index. */
    private void save() throws IOException {
        StateFiles.write(file, ".dead-mans-switch", jobs);
    }
}
