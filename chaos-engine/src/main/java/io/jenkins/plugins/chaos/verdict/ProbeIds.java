package io.jenkins.plugins.chaos.verdict;

import java.util.Locale;

/**
 * The probe ids that checks carry ({@link CheckResult#probe()}): JUnit suite names, alert classes, metric labels and
 * score weights all key on them, so they are spelled once here.
 */
public final class ProbeIds {

    /** The family of every tenant-isolation layer; also the score-weight key that covers them all. */
    public static final String ISOLATION = "isolation";
    public static final String ISOLATION_API = "isolation.api";
    public static final String ISOLATION_NETWORK_STATIC = "isolation.network.static";
    public static final String ISOLATION_NETWORK_DYNAMIC = "isolation.network.dynamic";
    public static final String ISOLATION_RBAC = "isolation.rbac";
    /** The rotating pair coverage of the API layer: covered fraction, slices, failing pairs. */
    public static final String ISOLATION_COVERAGE = "isolation.coverage";
    public static final String FAILOVER = "failover";
    /**
     * The failover probe's check when it expects graceful degradation (a total outage): metrics tell such a run from
     * a failed failover by it, so the name is spelled once here.
     */
    public static final String GRACEFUL_DEGRADATION_CHECK = "graceful degradation";
    /** Blast-radius containment while a fault isolates some tenants. */
    public static final String BLAST_RADIUS = "blast-radius";
    /** Canary records read back under faults. */
    public static final String DATA_INTEGRITY = "data-integrity";
    /** CPU and memory against the containers' limits while the faults are active. */
    public static final String RESOURCE_USAGE = "resource-usage";
    /** Injection and recovery of each fault. */
    public static final String FAULT = "fault";
    /** The minScore gate's own check, which the score does not count. */
    public static final String SCORE = "score";
    /** The plugin's dead-man's switch. */
    public static final String DEADMAN = "deadman";

    private ProbeIds() {
    }

    public static boolean isIsolation(String probe) {
        return probe.toLowerCase(Locale.ROOT).startsWith(ISOLATION);
    }

    public static boolean isFailover(String probe) {
        return probe.toLowerCase(Locale.ROOT).startsWith(FAILOVER);
    }
}
