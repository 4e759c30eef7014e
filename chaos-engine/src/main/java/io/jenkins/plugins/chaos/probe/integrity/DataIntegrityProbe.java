package io.jenkins.plugins.chaos.probe.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.core.Json;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.experiment.TenantSpec;
import io.jenkins.plugins.chaos.plan.DataIntegrityConfig;
import io.jenkins.plugins.chaos.probe.http.BoundedHttpClient;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tenant data integrity under faults: before them, canary records with random content are written for each tenant
 * through the gateway's API; while they are active and after, each is read back and its SHA-256 compared with the
 * one written. A different digest, a lost record, or one tenant reading another's canary is CRITICAL with the record
 * and both digests as evidence. A graceful refusal while the faults are active (the store said it is degraded) is
 * not a breach; one after they are gone is a WARNING. {@link #deleteCanaries()} always runs last.
 */
public final class DataIntegrityProbe implements AutoCloseable {

    public static final String PROBE = ProbeIds.DATA_INTEGRITY;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One canary: whose, its record id, what was written, its digest. */
    record Canary(TenantSpec tenant, String record, String content, String digest) {
    }

    private final DataIntegrityConfig config;
    private final RunListener listener;
    private final BoundedHttpClient http;
    private final List<Canary> canaries = new ArrayList<>();

    public DataIntegrityProbe(DataIntegrityConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
        this.http = new BoundedHttpClient(8, config.timeout(), "X-Inference-Provider");
    }

    /** Writes the canaries; a tenant whose canaries could not all be written gets an ERROR check. */
    public List<CheckResult> writeCanaries(String runId) {
        Instant started = Instant.now();
        List<CheckResult> checks = new ArrayList<>();
        for (TenantSpec tenant : config.tenants()) {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < config.records(); i++) {
                String record = "chaos-canary-" + runId + "-" + i;
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                String content = "canary " + tenant.name() + " " + HexFormat.of().formatHex(bytes);
                // registered before the write: a write that timed out may still have landed, so it is deleted too
                canaries.add(new Canary(tenant, record, content, sha256(content)));
                HttpReply reply = call(config.write(), tenant, tenant.name(), record,
                        config.body().replace(DataIntegrityConfig.CONTENT_PLACEHOLDER, content));
                if (!reply.successful()) {
                    failures.add(record + ": " + outcome(reply));
                }
            }
            checks.add(failures.isEmpty()
                    ? check(tenant.name() + " canaries written", Verdict.PASSED, config.records() + " canaries written for "
                    + tenant.name(), List.of("write: " + config.write().describe(tenant.name())), started)
                    : check(tenant.name() + " canaries written", Verdict.ERROR, failures.size() + " of " + config.records()
                    + " canaries could not be written, so " + tenant.name() + "'s data cannot be checked", failures, started));
        }
        listener.info(PROBE + ": " + canaries.size() + " canary record(s) written for " + config.tenants().size() + " tenant(s)");
        return checks;
    }

    /** Reads every canary back ({@code reads} rounds) as its tenant, and as every other tenant. */
    public List<CheckResult> verify(String phase, boolean faultsActive, int reads) {
        Instant started = Instant.now();
        List<CheckResult> checks = new ArrayList<>();
        for (TenantSpec tenant : config.tenants()) {
            List<Canary> own = canaries.stream().filter(c -> c.tenant().name().equals(tenant.name())).toList();
            if (own.isEmpty()) {
                continue;
            }
            List<String> breaches = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            int intact = 0;
            for (int round = 0; round < reads; round++) {
                for (Canary canary : own) {
                    HttpReply reply = call(config.read(), tenant, tenant.name(), canary.record(), null);
                    Optional<String> problem = judgeOwnRead(canary, reply);
                    if (problem.isEmpty()) {
                        intact++;
                    } else if (problem.get().startsWith("refused")) {
                        refused.add(canary.record() + ": " + problem.get());
                    } else {
                        breaches.add(problem.get());
                    }
                }
            }
            List<String> evidence = new ArrayList<>(breaches);
            evidence.add(intact + " intact reads, " + refused.size() + " refused, " + breaches.size() + " corrupted or lost");
            refused.stream().limit(5).forEach(evidence::add);
            String name = tenant.name() + " canaries intact [" + phase + "]";
            if (!breaches.isEmpty()) {
                checks.add(check(name, Verdict.CRITICAL, "data integrity breach: " + breaches.size() + " read(s) of "
                        + tenant.name() + "'s canaries returned other content or nothing", evidence, started));
            } else if (!refused.isEmpty() && !faultsActive) {
                checks.add(check(name, Verdict.WARNING, refused.size() + " read(s) of " + tenant.name()
                        + "'s canaries were still refused after the faults were removed", evidence, started));
            } else if (intact == 0) {
                checks.add(check(name, faultsActive ? Verdict.PASSED : Verdict.ERROR, faultsActive
                        ? "every read was refused gracefully while the faults were active; nothing corrupted was served"
                        : "no read succeeded", evidence, started));
            } else {
                checks.add(check(name, Verdict.PASSED, intact + " read(s) of " + tenant.name() + "'s canaries matched "
                        + "their digests" + (refused.isEmpty() ? "" : ", " + refused.size() + " refused gracefully"),
                        evidence, started));
            }
            for (TenantSpec other : config.tenants()) {
                if (!other.name().equals(tenant.name())) {
                    checks.add(crossTenant(other, tenant, own.get(0), phase, started));
                }
            }
        }
        return checks;
    }

    /** Deletes every canary, whatever happened; the check names any that remain. */
    public CheckResult deleteCanaries() {
        Instant started = Instant.now();
        List<String> left = new ArrayList<>();
        for (Canary canary : canaries) {
            HttpReply reply = call(config.delete(), canary.tenant(), canary.tenant().name(), canary.record(), null);
            if (!reply.successful() && reply.status() != 404) {
                left.add(canary.tenant().name() + "/" + canary.record() + ": " + outcome(reply) + "; delete it with "
                        + config.delete().describe(canary.tenant().name()).replace(DataIntegrityConfig.RECORD_PLACEHOLDER,
                        canary.record()));
            }
        }
        int count = canaries.size();
        canaries.clear();
        listener.info(PROBE + ": " + (count - left.size()) + " of " + count + " canary record(s) deleted");
        if (!left.isEmpty()) {
            listener.warn(PROBE + ": " + left.size() + " canary record(s) could not be deleted: " + left);
            return check("canaries deleted", Verdict.ERROR, left.size() + " canary record(s) remain", left, started);
        }
        return check("canaries deleted", Verdict.PASSED, "every canary record was deleted", List.of(count + " deleted"),
                started);
    }

    private CheckResult crossTenant(TenantSpec reader, TenantSpec owner, Canary canary, String phase, Instant started) {
        String name = reader.name() + " cannot read " + owner.name() + "'s canaries [" + phase + "]";
        HttpReply reply = call(config.read(), reader, owner.name(), canary.record(), null);
        List<String> evidence = new ArrayList<>();
        evidence.add(reader.name() + "'s token on " + config.read().describe(owner.name())
                .replace(DataIntegrityConfig.RECORD_PLACEHOLDER, canary.record()) + ": " + outcome(reply));
        if (reply.successful()) {
            Optional<String> content = content(reply);
            boolean leaked = content.map(c -> sha256(c).equals(canary.digest())).orElse(false);
            evidence.add("expected sha256 (" + owner.name() + "'s canary): " + canary.digest());
            evidence.add("read sha256: " + content.map(DataIntegrityProbe::sha256).orElse("no content field"));
            return check(name, Verdict.CRITICAL, "isolation breach: " + reader.name() + "'s token read " + owner.name()
                    + "'s canary " + canary.record() + (leaked ? " with its exact content" : ""), evidence, started);
        }
        return check(name, Verdict.PASSED, reader.name() + " was refused " + owner.name() + "'s canary ("
                + outcome(reply) + ")", evidence, started);
    }

    /** Empty when intact; "refused ..." for a graceful refusal; otherwise the breach with its evidence. */
    private Optional<String> judgeOwnRead(Canary canary, HttpReply reply) {
        String who = "record " + canary.record() + " of " + canary.tenant().name();
        if (!reply.answered() || reply.status() >= 500 || reply.status() == 429) {
            return Optional.of("refused, " + outcome(reply));
        }
        if (reply.status() == 404) {
            return Optional.of(who + " is lost: " + outcome(reply) + "; expected sha256 " + canary.digest());
        }
        if (!reply.successful()) {
            return Optional.of("refused, " + outcome(reply));
        }
        Optional<String> content = content(reply);
        if (content.isEmpty()) {
            return Optional.of(who + ": the answer has no '" + config.contentField() + "'; expected sha256 "
                    + canary.digest());
        }
        String actual = sha256(content.get());
        return actual.equals(canary.digest()) ? Optional.empty()
                : Optional.of(who + ": expected sha256 " + canary.digest() + ", read " + actual + " (status "
                + reply.status() + ")");
    }

    private Optional<String> content(HttpReply reply) {
        Optional<JsonNode> json = Json.object(reply.body() == null ? "" : reply.body());
        return json.map(n -> n.path(config.contentField())).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    private HttpReply call(RequestTemplate endpoint, TenantSpec as, String owner, String record, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (as.token() != null) {
            headers.put("Authorization", "Bearer " + as.token());
        }
        return http.call(config.uri(endpoint, owner, record), endpoint.method(), body, headers);
    }

    private static String outcome(HttpReply reply) {
        if (!reply.answered()) {
            return reply.timedOut() ? "timed out" : "no answer (" + reply.error() + ")";
        }
        return "status " + reply.status();
    }

    private CheckResult check(String name, Verdict verdict, String summary, List<String> evidence, Instant started) {
        return new CheckResult(PROBE, name, verdict, summary, evidence, started,
                Math.max(0, Duration.between(started, Instant.now()).toMillis()));
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
