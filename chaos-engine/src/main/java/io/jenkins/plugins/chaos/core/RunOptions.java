package io.jenkins.plugins.chaos.core;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * How to run an experiment, beyond what the experiment itself says. Immutable; each wither returns a copy. What limits
 * the experiment itself (the operator's cap and allow-list) is planning's business: {@code PlanLimits}.
 */
public final class RunOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private String reportDir = "chaos-reports";
    private boolean dryRun;
    private String environment;
    private SecretRedactor secrets = SecretRedactor.none();
    private String runId;
    private Duration pollInterval = Duration.ofMillis(200);
    private Duration expiryGrace = Duration.ofMinutes(5);
    /** Where {@code env:} references are looked up; null: this process's environment (the CLI). */
    private TreeMap<String, String> variables;
    private String stateDir;
    private Duration leaseRenewal = Duration.ofSeconds(10);
    private Duration leaseValidity = Duration.ofSeconds(30);

    public static RunOptions defaults() {
        return new RunOptions();
    }

    private RunOptions copy() {
        RunOptions copy = new RunOptions();
        copy.reportDir = reportDir;
        copy.dryRun = dryRun;
        copy.environment = environment;
        copy.secrets = secrets;
        copy.runId = runId;
        copy.pollInterval = pollInterval;
        copy.expiryGrace = expiryGrace;
        copy.variables = variables;
        copy.stateDir = stateDir;
        copy.leaseRenewal = leaseRenewal;
        copy.leaseValidity = leaseValidity;
        return copy;
    }

    /**
     * Where state that outlives a run is kept (the rotating pair coverage of the isolation probe): the plugin gives
     * the job's directory, the CLI {@code --state-dir}. Never holds secrets.
     */
    public RunOptions withStateDir(String dir) {
        RunOptions copy = copy();
        copy.stateDir = dir;
        return copy;
    }

    /** The state directory; unset, {@code chaos-state} next to the report directory; null without either. */
    public String stateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        if (reportDir == null) {
            return null;
        }
        Path parent = Path.of(reportDir).toAbsolutePath().getParent();
        return (parent == null ? Path.of("chaos-state") : parent.resolve("chaos-state")).toString();
    }

    public RunOptions withReportDir(String dir) {
        RunOptions copy = copy();
        copy.reportDir = dir;
        return copy;
    }

    /** Server-side dry run: the API server validates what would be applied, nothing is persisted. */
    public RunOptions withDryRun(boolean dryRun) {
        RunOptions copy = copy();
        copy.dryRun = dryRun;
        return copy;
    }

    /** Overrides the experiment's environment (a Jenkins global setting, a CLI flag). */
    public RunOptions withEnvironment(String environment) {
        RunOptions copy = copy();
        copy.environment = environment;
        return copy;
    }

    public RunOptions withSecrets(SecretRedactor secrets) {
        RunOptions copy = copy();
        copy.secrets = secrets;
        return copy;
    }

    public RunOptions withRunId(String runId) {
        RunOptions copy = copy();
        copy.runId = runId;
        return copy;
    }

    public RunOptions withPollInterval(Duration interval) {
        RunOptions copy = copy();
        copy.pollInterval = interval;
        return copy;
    }

    /** How long after its planned end a resource counts as left behind and is swept. */
    public RunOptions withExpiryGrace(Duration grace) {
        RunOptions copy = copy();
        copy.expiryGrace = grace;
        return copy;
    }

    /**
     * The variables {@code env:} references resolve against instead of this JVM's environment: Jenkins passes the
     * step's environment (what {@code withEnv}/{@code withCredentials} set), not the agent process's.
     */
    public RunOptions withVariables(Map<String, String> variables) {
        RunOptions copy = copy();
        copy.variables = variables == null ? null : new TreeMap<>(variables);
        return copy;
    }

    /** Resolves a variable name for {@code env:} references. */
    public UnaryOperator<String> variables() {
        TreeMap<String, String> own = variables;
        return own == null ? System::getenv : own::get;
    }

    /**
     * How often the run's liveness lease is renewed and how long one renewal keeps it valid (10 s and 30 s); tests
     * shorten both to see an expiry sooner.
     */
    public RunOptions withLeaseTimings(Duration renewal, Duration validity) {
        RunOptions copy = copy();
        copy.leaseRenewal = renewal;
        copy.leaseValidity = validity;
        return copy;
    }

    public String reportDir() {
        return reportDir;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public String environment() {
        return environment;
    }

    public SecretRedactor secrets() {
        return secrets;
    }

    public String runId() {
        return runId;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration expiryGrace() {
        return expiryGrace;
    }

    public Duration leaseRenewal() {
        return leaseRenewal;
    }

    public Duration leaseValidity() {
        return leaseValidity;
    }
}
