package io.jenkins.plugins.chaos.verdict;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One check with its verdict and the evidence an on-call engineer needs to believe it.
 *
 * @param probe    the probe that ran it, dotted ({@code isolation.api}, {@code isolation.network}, {@code failover})
 * @param name     what was checked, unique within the probe ({@code alice->bob GET /v1/tenants/bob/files})
 * @param verdict  the outcome
 * @param summary  one line for the console and the JUnit failure message
 * @param evidence requests, statuses, body excerpts, measurements; never secrets
 * @param startedAt when the check started
 * @param durationMillis how long it took
 */
public record CheckResult(String probe, String name, Verdict verdict, String summary, List<String> evidence,
                          Instant startedAt, long durationMillis) implements Serializable {

    public CheckResult {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        summary = summary == null ? "" : summary;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        startedAt = startedAt == null ? Instant.EPOCH : startedAt;
    }

    /** Stable identity of the check across runs: the PagerDuty dedup key and the JUnit test name build on it. */
    public String id() {
        return probe + "." + name;
    }
}
