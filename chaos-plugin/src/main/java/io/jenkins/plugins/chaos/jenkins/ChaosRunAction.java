package io.jenkins.plugins.chaos.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.chaos.report.TimelineSvg;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * One chaos step's result on the build page: summary, the checks that did not pass with their evidence, how many
 * passed per probe, faults and the failover timeline. Holds plain classes, not the engine's records, because the
 * build's XML persistence cannot rebuild records.
 *
 * <p>Bounded: Jenkins loads {@code build.xml} with every build it shows, and a 50-tenant isolation matrix is some
 * ten thousand checks. Passed checks are stored as counts per probe, at most {@link #MAX_CHECKS} others with bounded
 * evidence (the worst first), the timeline in at most {@link #MAX_TIMELINE} buckets; the full detail is in the
 * reports ({@code report.html}, {@code journal.json}, the JUnit files).
 */
public class ChaosRunAction implements RunAction2 {
    /**
     * Timeline buckets kept on the build: one per second up to two minutes, wider beyond (30 s for an hour). A row
     * costs some 480 bytes of XML; report.html has every second.
     */
    static final int MAX_TIMELINE = 120;
    /** Checks that did not pass kept on the build, the worst first. */
    static final int MAX_CHECKS = 50;
    /** Evidence lines kept per check. */
    static final int MAX_EVIDENCE_LINES = 10;
    /** Characters kept per name, summary or evidence line. */
    static final int MAX_TEXT = 300;

    private final String urlName;
    private final String step;
    private final String experiment;
    private final String environment;
    private final String runId;
    private final String verdict;
    private final long passed;
    private final long warnings;
    private final long errors;
    private final long critical;
    private final List<CheckRow> checks;
    /** Checks that did not pass beyond {@link #MAX_CHECKS}: counted, not stored. */
    private final int omittedChecks;
    private final List<ProbeTally> passedByProbe;
    private final List<String> faults;
    private final List<TimelineRow> timeline;
    private final List<String> notes;
    private final String abortReason;
    private final String reportDir;
    private final boolean scheduled;
    private final Integer deadManThresholdMinutes;
    private transient Run<?, ?> run;

    public ChaosRunAction(String urlName, String step, RunResult result, String reportDir, boolean scheduled,
                          Integer deadManThresholdMinutes) {
        this.urlName = urlName;
        this.step = step;
        this.experiment = result.experiment();
        this.environment = result.environment();
        this.runId = result.runId();
        this.verdict = result.verdict().name();
        this.passed = result.count(Verdict.PASSED);
        this.warnings = result.count(Verdict.WARNING);
        this.errors = result.count(Verdict.ERROR);
        this.critical = result.count(Verdict.CRITICAL);
        this.checks = new ArrayList<>();
        Map<String, ProbeTally> tallies = new LinkedHashMap<>();
        // the checks stream from the run's spool file: keep at most MAX_CHECKS of each verdict, count the rest
        Map<Verdict, List<CheckResult>> kept = new EnumMap<>(Verdict.class);
        int notPassed = 0;
        for (CheckResult check : result.checks()) {
            if (check.verdict() == Verdict.PASSED) {
                tallies.computeIfAbsent(check.probe(), ProbeTally::new).passed++;
                continue;
            }
            notPassed++;
            List<CheckResult> ofVerdict = kept.computeIfAbsent(check.verdict(), v -> new ArrayList<>());
            if (ofVerdict.size() < MAX_CHECKS) {
                ofVerdict.add(check);
            }
        }
        // CRITICAL, then ERROR, then WARNING; the engine's order within each
        for (Verdict verdict : List.of(Verdict.CRITICAL, Verdict.ERROR, Verdict.WARNING)) {
            for (CheckResult check : kept.getOrDefault(verdict, List.of())) {
                if (checks.size() < MAX_CHECKS) {
                    checks.add(new CheckRow(check.probe(), check.name(), check.verdict().name(), check.summary(), check.evidence()));
                }
            }
        }
        this.omittedChecks = notPassed - checks.size();
        this.passedByProbe = new ArrayList<>(tallies.values());
        this.faults = new ArrayList<>();
        for (FaultRecord fault : result.faults()) {
            faults.add(BuildText.clean(fault.kind() + " " + fault.namespace() + "/" + fault.resource() + " (" + fault.name()
                    + "): " + fault.outcome(), MAX_TEXT));
        }
        this.timeline = TimelineRow.bucketed(result.timeline(), MAX_TIMELINE);
        this.notes = new ArrayList<>();
        for (String note : result.notes()) {
            notes.add(BuildText.clean(note, MAX_TEXT));
        }
        this.abortReason = BuildText.clean(result.abortReason(), MAX_TEXT);
        this.reportDir = reportDir;
        this.scheduled = scheduled;
        this.deadManThresholdMinutes = deadManThresholdMinutes;
    }

    @Override
    public String getIconFileName() {
        return "symbol-warning-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Chaos: " + experiment;
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public String getStep() {
        return step;
    }

    public String getExperiment() {
        return experiment;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getRunId() {
        return runId;
    }

    public String getVerdict() {
        return verdict;
    }

    public long getPassed() {
        return passed;
    }

    public long getWarnings() {
        return warnings;
    }

    public long getErrors() {
        return errors;
    }

    public long getCritical() {
        return critical;
    }

    /** The checks that did not pass (at most {@link #MAX_CHECKS}, the worst first). */
    public List<CheckRow> getChecks() {
        return checks;
    }

    /** Checks that did not pass and are not stored on the build (they are in the reports). */
    public int getOmittedChecks() {
        return omittedChecks;
    }

    /** Passed checks, counted per probe; none for a build saved before they were counted (XStream leaves the field null). */
    public List<ProbeTally> getPassedByProbe() {
        return passedByProbe == null ? List.of() : passedByProbe;
    }

    public List<String> getFaults() {
        return faults;
    }

    public List<TimelineRow> getTimeline() {
        return timeline;
    }

    public List<String> getNotes() {
        return notes;
    }

    public String getAbortReason() {
        return abortReason;
    }

    public String getReportDir() {
        return reportDir;
    }

    public boolean isScheduled() {
        return scheduled;
    }

    public Integer getDeadManThresholdMinutes() {
        return deadManThresholdMinutes;
    }

    /**
     * The report's timeline chart (latency percentiles and provider share per second, fault window shaded), drawn by
     * the engine from the stored samples; empty without a timeline.
     */
    public String getTimelineSvg() {
        if (timeline.isEmpty()) {
            return "";
        }
        List<TimelinePoint> points = new ArrayList<>();
        for (TimelineRow row : timeline) {
            points.add(row.toPoint());
        }
        return TimelineSvg.render(points);
    }

    /** One check as stored on the build. */
    public static final class CheckRow {
        private final String probe;
        private final String name;
        private final String verdict;
        private final String summary;
        private final List<String> evidence;

        public CheckRow(String probe, String name, String verdict, String summary, List<String> evidence) {
            this.probe = BuildText.clean(probe, MAX_TEXT);
            this.name = BuildText.clean(name, MAX_TEXT);
            this.verdict = verdict;
            this.summary = BuildText.clean(summary, MAX_TEXT);
            this.evidence = new ArrayList<>();
            for (String line : evidence.subList(0, Math.min(MAX_EVIDENCE_LINES, evidence.size()))) {
                this.evidence.add(BuildText.clean(line, MAX_TEXT));
            }
            if (evidence.size() > MAX_EVIDENCE_LINES) {
                this.evidence.add("[" + (evidence.size() - MAX_EVIDENCE_LINES) + " more lines in the report]");
            }
        }

        public String getProbe() {
            return probe;
        }

        public String getName() {
            return name;
        }

        public String getVerdict() {
            return verdict;
        }

        public String getSummary() {
            return summary;
        }

        public List<String> getEvidence() {
            return evidence;
        }
    }

    /** Passed checks of one probe. */
    public static final class ProbeTally {
        private final String probe;
        private long passed;

        ProbeTally(String probe) {
            this.probe = BuildText.clean(probe, MAX_TEXT);
        }

        public String getProbe() {
            return probe;
        }

        public long getPassed() {
            return passed;
        }
    }

    /** One bucket (one second in runs up to {@link #MAX_TIMELINE} seconds) of the failover timeline as stored on the build. */
    public static final class TimelineRow {
        private final long epochSecond;
        private final int requests;
        private final int primary;
        private final int secondary;
        private final int gracefulErrors;
        private final int ungraceful;
        // boxed: a build saved before they were stored has none, and a missing percentile is not drawn (NaN)
        private final Double p50Millis;
        private final double p95Millis;
        private final Double p99Millis;
        private final boolean faultActive;

        public TimelineRow(long epochSecond, int requests, int primary, int secondary, int gracefulErrors, int ungraceful,
                           double p50Millis, double p95Millis, double p99Millis, boolean faultActive) {
            this.epochSecond = epochSecond;
            this.requests = requests;
            this.primary = primary;
            this.secondary = secondary;
            this.gracefulErrors = gracefulErrors;
            this.ungraceful = ungraceful;
            this.p50Millis = p50Millis;
            this.p95Millis = p95Millis;
            this.p99Millis = p99Millis;
            this.faultActive = faultActive;
        }

        /**
         * At most {@code max} rows: consecutive seconds are merged into equal buckets, the counts summed, the
         * percentiles the worst of the bucket (a latency spike stays visible), the fault active if it was in any.
         */
        static List<TimelineRow> bucketed(List<TimelinePoint> points, int max) {
            List<TimelineRow> rows = new ArrayList<>();
            int width = Math.max(1, (points.size() + max - 1) / max);
            for (int from = 0; from < points.size(); from += width) {
                List<TimelinePoint> bucket = points.subList(from, Math.min(points.size(), from + width));
                TimelinePoint first = bucket.get(0);
                int requests = 0;
                int primary = 0;
                int secondary = 0;
                int graceful = 0;
                int ungraceful = 0;
                double p50 = Double.NaN;
                double p95 = Double.NaN;
                double p99 = Double.NaN;
                boolean faultActive = false;
                for (TimelinePoint p : bucket) {
                    requests += p.requests();
                    primary += p.primary();
                    secondary += p.secondary();
                    graceful += p.gracefulErrors();
                    ungraceful += p.ungraceful();
                    p50 = worst(p50, p.p50Millis());
                    p95 = worst(p95, p.p95Millis());
                    p99 = worst(p99, p.p99Millis());
                    faultActive |= p.faultActive();
                }
                rows.add(new TimelineRow(first.epochSecond(), requests, primary, secondary, graceful, ungraceful, p50, p95,
                        p99, faultActive));
            }
            return rows;
        }

        private static double worst(double a, double b) {
            return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
        }

        TimelinePoint toPoint() {
            return new TimelinePoint(epochSecond, requests, primary, secondary, gracefulErrors, ungraceful,
                    p50Millis == null ? Double.NaN : p50Millis, p95Millis, p99Millis == null ? Double.NaN : p99Millis,
                    faultActive);
        }

        public long getEpochSecond() {
            return epochSecond;
        }

        public int getRequests() {
            return requests;
        }

        public int getPrimary() {
            return primary;
        }

        public int getSecondary() {
            return secondary;
        }

        public int getGracefulErrors() {
            return gracefulErrors;
        }

        public int getUngraceful() {
            return ungraceful;
        }

        public Double getP50Millis() {
            return p50Millis;
        }

        public double getP95Millis() {
            return p95Millis;
        }

        public Double getP99Millis() {
            return p99Millis;
        }

        public boolean isFaultActive() {
            return faultActive;
        }
    }
}
