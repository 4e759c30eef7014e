package io.jenkins.plugins.chaos.probe.failover;

/**
 * Told as soon as a check of the running failover probe is certain to end CRITICAL, so that a stop condition can
 * remove the fault early instead of hurting users for the rest of the window. Called at most once per check, from
 * a probe thread: implementations must return quickly.
 */
@FunctionalInterface
public interface CriticalListener {

    /**
     * @param check  the check's name ({@code ungraceful errors}, {@code failover time})
     * @param reason one line, free of secrets
     */
    void criticalSeen(String check, String reason);

    static CriticalListener none() {
        return (check, reason) -> {
        };
    }
}
