package io.jenkins.plugins.chaos.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.chaos.report.TimelineSvg;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * One chaos step's result on the build page: summary, checks with evidence, faults and the failover timeline.
 * Holds plain classes, not the engine's records, because the build's XML persistence cannot rebuild records.
 */
public class ChaosRunAction implements RunAction2 {
    /** Timeline points kept on the build (an hour at one point a second). */
    static final int MAX_TIMELINE = 3600;
    /**
     * Check rows kept on the build (build.xml and the controller's heap): every breach, error and warning up to the
     * first, passed checks up to the second. A matrix of 160,000 checks is in the report and the JUnit results.
     */
    static final int MAX_PROBLEM_ROWS = 2000;
    static final int MAX_PASSED_ROWS = 500;

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
    private final long omittedChecks;
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
        int problems = 0;
        int passes = 0;
        long omitted = 0;
        for (CheckResult check : result.checks()) {
            boolean passedCheck = check.verdict() == Verdict.PASSED;
            if (passedCheck ? passes++ >= MAX_PASSED_ROWS : problems++ >= MAX_PROBLEM_ROWS) {
                omitted++;
                continue;
            }
            checks.add(new CheckRow(check.probe(), check.name(), check.verdict().name(), check.summary(), check.evidence()));
        }
        this.omittedChecks = omitted;
        this.faults = new ArrayList<>();
        for (FaultRecord fault : result.faults()) {
            faults.add(fault.kind() + " " + fault.namespace() + "/" + fault.resource() + " (" + fault.name() + "): " + fault.outcome());
        }
        this.timeline = new ArrayList<>();
        List<TimelinePoint> points = result.timeline();
        for (TimelinePoint p : points.subList(Math.max(0, points.size() - MAX_TIMELINE), points.size())) {
            timeline.add(new TimelineRow(p.epochSecond(), p.requests(), p.primary(), p.secondary(), p.gracefulErrors(),
                    p.ungraceful(), p.p50Millis(), p.p95Millis(), p.p99Millis(), p.faultActive()));
        }
        this.notes = new ArrayList<>(result.notes());
        this.abortReason = result.abortReason();
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

    public List<CheckRow> getChecks() {
        return checks;
    }

    /** Checks not kept on the build page (see {@link #MAX_PASSED_ROWS}); they are in the report. */
    public long getOmittedChecks() {
        return omittedChecks;
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
            this.probe = probe;
            this.name = name;
            this.verdict = verdict;
            this.summary = summary;
            this.evidence = new ArrayList<>(evidence);
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

    /** One second of the failover timeline as stored on the build. */
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
