package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.TaskListener;
import io.jenkins.plugins.chaos.alert.AlertDelivery;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.playground.sinks.AlertSink.RecordedRequest;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe step's agent side, run as remoting runs it: {@link RunExperimentCallable} is serialised (as the channel
 * does), read back and invoked on a workspace directory, against the embedded cluster, the leaky gateway and the
 * PagerDuty sink. A breach pages while the fault is still in place, not when the run is back on the controller;
 * what the dispatcher delivered and the incident state come back in {@link ProbeRun}; a later healthy run that
 * starts from that state resolves the incident.
 */
class LiveAlertsOnTheAgentTest {

    private static final String PD_PATH = "/v2/enqueue";
    private static final String ROUTING_KEY = "playground-routing-key-4c1e9a";
    /** The engine's target is 5 s (chaos bench alerts); the runbook's is 5 minutes. */
    private static final Duration GENEROUS_PAGE_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path workspace;
    @TempDir
    Path jenkinsHome;

    private static String isolation(Playground playground, String phases) {
        String tenants = playground.tenantTokens().entrySet().stream()
                .map(t -> "      - {name: " + t.getKey() + ", namespace: tenant-" + t.getKey() + ", token: \"" + t.getValue() + "\"}")
                .collect(Collectors.joining("\n"));
        return """
                name: plugin-live-alerts
                environment: staging
                abortOn: never
                faults:
                  - name: alice-bob-partition
                    kind: NetworkChaos
                    action: partition
                    duration: 15s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                probes:
                  tenantIsolation:
                    phases: [%s]
                    gateway: "%s"
                    network: false
                    rbac: false
                    endpoints: ["GET /v1/tenants/{tenant}/files"]
                    tenants:
                %s
                """.formatted(phases, playground.gatewayUri(), tenants);
    }

    /** As ProbeStepExecution sends it: the kubeconfig credential, the global targets for the agent's state copy. */
    private ProbeRun runOnTheAgent(Playground playground, String phases, String alertState, ByteArrayOutputStream console)
            throws Exception {
        ResolvedCredentials credentials = new ResolvedCredentials(playground.kubeconfig(), Map.of());
        AlertTargets targets = new AlertTargets(null, null, ROUTING_KEY, null, "https://jenkins.example/job/chaos/7/",
                jenkinsHome.resolve("chaos-engineering/alert-state/job.json").toString(), playground.alerts().url(PD_PATH));
        SecretRedactor secrets = credentials.redactor().with(EngineBridge.alertRedactor(targets))
                .with(playground.tenantTokens().values());
        ExperimentPlan plan = EngineBridge.loadPlan(Map.of(), isolation(playground, phases), "plugin-live-alerts.yaml",
                workspace.toString(), PlanLimits.none());
        RunOptions options = EngineBridge.runOptions(workspace.resolve("chaos-reports").toString(), false, null, secrets,
                "run-" + System.nanoTime()).withPollInterval(Duration.ofMillis(50));
        AlertTargets agentTargets = targets.forRun(plan.environment(),
                workspace.resolve("chaos-reports" + ProbeStepExecution.ALERT_STATE_SUFFIX).toString());
        RunExperimentCallable callable = new RunExperimentCallable(plan, options, credentials, agentTargets, alertState,
                new ConsoleRunListener(new CapturingTaskListener(console), secrets));
        return ((RunExperimentCallable) overTheChannel(callable)).invoke(workspace.toFile(), null);
    }

    /** What remoting does to a callable: Java serialisation there, and back for the answer. */
    private static Object overTheChannel(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    @Timeout(180)
    void aBreachPagesFromTheAgentBeforeTheRunEndsAndAHealthyRunResolvesIt() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String stateAfterBreach;
        String dedupKey;
        try (Playground playground = Playground.start("leaky")) {
            ProbeRun run = (ProbeRun) overTheChannel(runOnTheAgent(playground, "during", null, console));

            assertEquals(Verdict.CRITICAL, run.result().verdict());
            List<RecordedRequest> triggers = playground.alerts().requestsTo(PD_PATH).stream()
                    .filter(r -> r.json().get("event_action").asText().equals("trigger")).toList();
            assertFalse(triggers.isEmpty(), "no page reached the PagerDuty sink");
            Instant recovered = run.result().faults().get(0).recoveredAt();
            for (RecordedRequest trigger : triggers) {
                String key = trigger.json().get("dedup_key").asText();
                CheckResult check = run.result().checks().stream().filter(c -> key.endsWith(c.id())).findFirst().orElseThrow();
                Duration late = Duration.between(check.startedAt().plusMillis(check.durationMillis()), trigger.receivedAt());
                assertTrue(late.compareTo(GENEROUS_PAGE_BOUND) < 0, key + " paged " + late + " after detection");
                assertTrue(trigger.receivedAt().isBefore(recovered), key + " paged only after the fault was removed");
                assertTrue(trigger.receivedAt().isBefore(run.result().finishedAt()), key + " paged after the run ended");
            }

            // what the controller's metrics count: the live deliveries, with an MTTD sample per page
            assertNotNull(run.alerts());
            List<AlertDelivery> pages = run.alerts().deliveries().stream()
                    .filter(d -> d.action().equals("trigger") && d.delivered()).toList();
            assertEquals(triggers.size(), pages.size(), run.alerts().deliveries().toString());
            assertEquals(pages.size(), run.alerts().detectSeconds().size());

            // the incident state comes back as text, without the routing key
            stateAfterBreach = run.alertState();
            assertNotNull(stateAfterBreach, "the dispatcher wrote no state on the agent");
            dedupKey = triggers.get(0).json().get("dedup_key").asText();
            assertTrue(stateAfterBreach.contains(dedupKey), stateAfterBreach);
            assertFalse(stateAfterBreach.contains(ROUTING_KEY));
            assertEquals(ROUTING_KEY, triggers.get(0).json().get("routing_key").asText(), "the sink got the real key");
        }
        String text = console.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(ROUTING_KEY), "the routing key reached the console");
        assertTrue(text.contains("CRITICAL"), text);

        // the controller keeps it under $JENKINS_HOME, merged with what a parallel branch wrote meanwhile
        Path controller = jenkinsHome.resolve("chaos-engineering/alert-state/job.json");
        AlertStateCopy.write(controller, RuntimeFixtures.ALERT_STATE);
        AlertStateCopy.saveMerged(controller, null, stateAfterBreach);
        String record = AlertStateCopy.read(controller);
        assertTrue(record.contains(dedupKey), record);
        assertTrue(record.contains("chaos:prod:isolation-api/tenant-0 -> tenant-1 GET /files"), "the other branch's incident");
        assertFalse(Files.exists(controller.resolveSibling("job.json.partial")));

        try (Playground playground = Playground.start("healthy")) {
            ProbeRun run = runOnTheAgent(playground, "during", AlertStateCopy.read(controller), new ByteArrayOutputStream());
            assertEquals(Verdict.PASSED, run.result().verdict(), run.result().checks().toString());
            String key = dedupKey;
            assertTrue(playground.alerts().requestsTo(PD_PATH).stream().anyMatch(r -> r.json().get("event_action").asText()
                    .equals("resolve") && r.json().get("dedup_key").asText().equals(key)), "the incident was not resolved");
            assertFalse(run.alertState().contains(dedupKey), "the resolved incident is still open: " + run.alertState());
            assertFalse(run.alerts().repairSeconds().isEmpty(), "an MTTR sample per resolve");
        }
    }

    @Test
    void theAgentsCopyReplacesAStaleOneAndReadsBackWhatWasWritten(@TempDir Path elsewhere) throws Exception {
        // a stale copy on the agent is never taken for the controller's state
        Path stale = elsewhere.resolve("x" + ProbeStepExecution.ALERT_STATE_SUFFIX);
        AlertStateCopy.write(stale, RuntimeFixtures.ALERT_STATE);
        AlertStateCopy.place(stale, null);
        assertFalse(Files.exists(stale));
        AlertStateCopy.place(stale, RuntimeFixtures.ALERT_STATE);
        assertEquals(RuntimeFixtures.ALERT_STATE, AlertStateCopy.read(stale));
        assertNull(AlertStateCopy.read(elsewhere.resolve("none.json")));
    }

    /**
     * Stands in for the build's listener, which remoting sends as a proxy writing back into the controller's log: this
     * one crosses the channel as an id and writes into the test's buffer.
     */
    private static final class CapturingTaskListener implements TaskListener {
        private static final long serialVersionUID = 1L;
        private static final Map<String, PrintStream> LOGS = new ConcurrentHashMap<>();
        private final String id = UUID.randomUUID().toString();

        CapturingTaskListener(ByteArrayOutputStream bytes) {
            LOGS.put(id, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }

        @Override
        public PrintStream getLogger() {
            return LOGS.get(id);
        }
    }
}
