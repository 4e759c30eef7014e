package io.jenkins.plugins.chaos.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.alert.AlertChannel;
import io.jenkins.plugins.chaos.alert.AlertDelivery;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state the plugin's steps hold and send while they run, built the way the executions build it: credentials as
 * CredentialResolver returns them (a kubeconfig with a client key, tenant tokens), steps with credential ids, a plan
 * loaded by the real engine, results of a 50-tenant run. Shared by the tests of Jenkins' runtime rules.
 */
final class RuntimeFixtures {
    static final String KUBECONFIG_ID = "prod-kubeconfig";
    /** Distinctive lines: any of them in serialised bytes is the kubeconfig leaking. */
    static final String CLIENT_KEY = "client-key-data: S0VZLW5ldmVyLWluLXByb2dyYW0tZGF0LTRmOWMxYTI3";
    static final String USER_TOKEN = "token: eyJhbGciOiJSUzI1NiJ9.kubeconfig-user-token-8d2e";
    static final String KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n"
            + "    server: https://127.0.0.1:6443\nusers:\n- name: chaos\n  user:\n    " + CLIENT_KEY + "\n    " + USER_TOKEN + "\n"
            + "contexts:\n- name: prod\n  context: {cluster: prod, user: chaos}\ncurrent-context: prod\n";
    static final Map<String, String> TOKENS = Map.of(
            "alice-token", "tok-alice-7f3a9c2e1b",
            "bob-token", "tok-bob-c4d8e2a91f");

    /** The global alert channels' secrets, as ChaosGlobalConfiguration resolves them as the system. */
    static final String SLACK_WEBHOOK = "https://hooks.slack.com/services/T0CHAOS/B0CHAOS/slackwebhooktoken5e1d9b";
    static final String ROUTING_KEY = "pd-routing-key-0a7c3e9f41b2";
    /** The dispatcher's incident state: dedup keys and check ids, no secret. */
    static final String ALERT_STATE = "{\n  \"chaos:prod:isolation-api/tenant-0 -> tenant-1 GET /files\" : {\n"
            + "    \"checkId\" : \"isolation-api/tenant-0 -> tenant-1 GET /files\",\n    \"environment\" : \"prod\",\n"
            + "    \"experiment\" : \"isolation-matrix\",\n    \"openedAt\" : \"2026-12-01T11:00:00Z\",\n"
            + "    \"lastTriggeredAt\" : \"2026-12-01T11:00:00Z\",\n    \"observations\" : 1\n  }\n}";

    private RuntimeFixtures() {
    }

    /** The alert targets a probe step sends to the agent: both channels on, the state at the agent's path. */
    static AlertTargets alertTargets() {
        return new AlertTargets(SLACK_WEBHOOK, "#sre-chaos", ROUTING_KEY, "prod", "https://jenkins.example/job/chaos/7/",
                "/home/agent/workspace/chaos/chaos-reports/x-alert-state.json");
    }

    /** What the probe execution masks with: the credentials' secrets and the alert channels'. */
    static SecretRedactor redactor() {
        return credentials().redactor().with(EngineBridge.alertRedactor(alertTargets()));
    }

    /** What a live dispatch returns: a delivered page, a failed Slack post, MTTD and MTTR samples. */
    static AlertOutcome liveAlertOutcome(Instant now) {
        return new AlertOutcome(List.of(
                new AlertDelivery(AlertChannel.PAGERDUTY, "trigger", "chaos:prod:isolation-api/a", "isolation-api/a", true,
                        1, 202, null, 840, now),
                new AlertDelivery(AlertChannel.SLACK, "post", null, "isolation-api/a", false, 3, 503, "HTTP 503", -1, null)),
                List.of("Slack: not delivered after 3 attempts"), List.of(0.84), List.of(1800.0));
    }

    static ResolvedCredentials credentials() {
        return new ResolvedCredentials(KUBECONFIG, TOKENS);
    }

    /** Every secret value, and the lines of the kubeconfig that are secret on their own. */
    static List<String> secrets() {
        List<String> secrets = new ArrayList<>(TOKENS.values());
        secrets.add(KUBECONFIG);
        secrets.add(CLIENT_KEY);
        secrets.add(USER_TOKEN);
        secrets.add(SLACK_WEBHOOK);
        secrets.add("slackwebhooktoken5e1d9b");
        secrets.add(ROUTING_KEY);
        return secrets;
    }

    /** The first secret found in the bytes (as UTF-8, or as UTF-16 in either byte order), or null. */
    static String leakedSecret(byte[] bytes) {
        String[] views = {
            new String(bytes, StandardCharsets.ISO_8859_1),
            new String(bytes, StandardCharsets.UTF_16BE),
            new String(bytes, StandardCharsets.UTF_16LE),
        };
        for (String secret : secrets()) {
            String latin1 = new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            if (views[0].contains(latin1) || views[1].contains(secret) || views[2].contains(secret)
                    || oddOffset(bytes).contains(secret)) {
                return secret.length() > 24 ? secret.substring(0, 24) + "..." : secret;
            }
        }
        return null;
    }

    private static String oddOffset(byte[] bytes) {
        return bytes.length < 2 ? "" : new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_16BE);
    }

    static ChaosInjectStep injectStep() {
        ChaosInjectStep step = new ChaosInjectStep();
        step.setName("partition-alice");
        step.setKubeconfigCredentialsId(KUBECONFIG_ID);
        step.setKind("NetworkChaos");
        step.setAction("partition");
        step.setMode("all");
        step.setDuration("5m");
        FaultSelector selector = new FaultSelector();
        selector.setNamespaces(List.of("tenant-alice"));
        step.setSelector(selector);
        return step;
    }

    static TenantIsolationProbeStep isolationStep() {
        TenantIsolationProbeStep step = new TenantIsolationProbeStep();
        step.setName("isolation");
        step.setKubeconfigCredentialsId(KUBECONFIG_ID);
        TenantArgument alice = new TenantArgument("alice");
        alice.setNamespace("tenant-alice");
        alice.setTokenCredentialsId("alice-token");
        TenantArgument bob = new TenantArgument("bob");
        bob.setNamespace("tenant-bob");
        bob.setTokenCredentialsId("bob-token");
        step.setTenants(List.of(alice, bob));
        step.setGateway("http://127.0.0.1:8080");
        step.setEndpoints(List.of("GET /v1/tenants/{tenant}/files"));
        step.setDeniedStatuses(List.of(401, 403));
        return step;
    }

    /** The plan the step's LoadExperimentCallable returns, built by the real engine (tokens resolved into it). */
    static ExperimentPlan plan(ChaosStep step) throws AbortException {
        return EngineBridge.loadPlan(step.toExperimentMap(TOKENS, path -> path), null, step.functionName() + " step arguments",
                "/tmp", PlanLimits.none());
    }

    /** The options as the executions build them: with the redactor that holds every secret. */
    static RunOptions options() {
        return EngineBridge.runOptions("chaos-reports/x", false, "prod", redactor(), "run-1");
    }

    static ConsoleRunListener console() {
        return new ConsoleRunListener(new PrintingTaskListener(), redactor());
    }

    static ChaosResourceRef resource() {
        return new ChaosResourceRef("chaos-mesh.org/v1alpha1", "NetworkChaos", "tenant-alice", "chaos-run-1-partition");
    }

    /**
     * A tenant-isolation and failover run over {@code tenants} tenants: every ordered pair of tenants on three
     * endpoints, {@code failing} of those checks breached with long evidence, and an hour of failover timeline.
     */
    static RunResult tenantRun(int tenants, int failing, String evidenceText) {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        List<CheckResult> checks = new ArrayList<>();
        int index = 0;
        for (int a = 0; a < tenants; a++) {
            for (int b = 0; b < tenants; b++) {
                if (a == b) {
                    continue;
                }
                for (String endpoint : List.of("GET /files", "GET /fine-tunes", "POST /chat/completions")) {
                    boolean breach = index++ < failing;
                    List<String> evidence = new ArrayList<>();
                    for (int line = 0; line < (breach ? 40 : 3); line++) {
                        evidence.add("request " + line + ": " + endpoint + " as tenant-" + a + " on tenant-" + b + " -> "
                                + (breach ? "200 " + evidenceText : "403"));
                    }
                    checks.add(new CheckResult(ProbeIds.ISOLATION_API, "tenant-" + a + " -> tenant-" + b + " " + endpoint,
                            breach ? Verdict.CRITICAL : Verdict.PASSED, breach ? "CRITICAL: cross-tenant read allowed" : "denied",
                            evidence, now, 12));
                }
            }
        }
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int s = 0; s < 3600; s++) {
            timeline.add(new TimelinePoint(now.getEpochSecond() + s, 50, s < 600 ? 50 : 0, s < 600 ? 0 : 50, 0, s % 97 == 0 ? 1 : 0,
                    41.5, 88.25, 130.125, s >= 600 && s < 900));
        }
        List<FaultRecord> faults = List.of(new FaultRecord("partition", "NetworkChaos", "tenant-0", "chaos-run-1-partition",
                "tenant-1", now, now.plusSeconds(300), "recovered"));
        return new RunResult("isolation-matrix", "prod", "run-1", now, now.plusSeconds(3600), faults, checks, timeline, null,
                List.of("swept 0 leftovers"));
    }

    /** What the engine's dry run returns: no checks, a note. */
    static RunResult dryRun() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        return new RunResult("validate-only", "prod", "run-1", now, now, List.of(), List.of(), List.of(), null,
                List.of("dry run: the API server accepted every resource; nothing was persisted"));
    }

    /**
     * Stands in for the build's listener. In Jenkins it is core's own (remotable) class, which the class filter
     * admits by its location in jenkins-core.jar.
     */
    static final class PrintingTaskListener implements TaskListener, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public PrintStream getLogger() {
            return System.out;
        }
    }
}
