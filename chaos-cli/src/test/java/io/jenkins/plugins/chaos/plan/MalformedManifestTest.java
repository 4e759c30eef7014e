package io.jenkins.plugins.chaos.plan;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests that Chaos Mesh's admission webhooks or the API server refuse, and the other inputs issue #12 found
 * accepted: each goes through the real CLI ({@code chaos run} against a running playground, and {@code chaos validate}),
 * must end with exit 2 naming the field, and must leave the API server without a single chaos resource.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MalformedManifestTest {

    private static PlaygroundCluster cluster;
    private static Path kubeconfig;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(50), true);
        kubeconfig = cluster.writeKubeconfig(shared.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /**
     * @param file     the file given to the CLI
     * @param files    file name to content, written beside each other
     * @param extra    more CLI arguments of {@code chaos run}
     * @param field    what the output must name, as {@code field:}
     * @param mentions text the explanation must carry
     * @param offline  whether {@code chaos validate} (no cluster, no run options) must refuse it too
     */
    record Row(String label, String file, Map<String, String> files, List<String> extra, String field, String mentions,
               boolean offline) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final String M = "faults[0].manifest(m.yaml#1)";
    private static final String PARTITION_SPEC = """
              action: partition
              mode: all
              selector:
                namespaces: [tenant-alice]
              direction: to
              target:
                mode: all
                selector: {namespaces: [tenant-bob]}
              duration: 30s
            """;

    /** A NetworkChaos with {@code spec} (indented two spaces) and the given metadata. */
    private static String network(String spec) {
        return resource("chaos-mesh.org/v1alpha1", "NetworkChaos", "name: m\n  namespace: tenant-alice", spec);
    }

    private static String resource(String apiVersion, String kind, String metadata, String spec) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  " + metadata + "\nspec:\n" + spec;
    }

    /** The valid partition with one spec line replaced (null: dropped). */
    private static String partitionWith(String line, String replacement) {
        String spec = PARTITION_SPEC;
        if (line != null) {
            assertTrue(spec.contains(line), line);
            spec = spec.replace(line, replacement == null ? "" : replacement);
        }
        return network(spec);
    }

    private static String kind(String kind, String spec) {
        return resource("chaos-mesh.org/v1alpha1", kind, "name: m\n  namespace: tenant-alice", spec);
    }

    private static Row manifest(String label, String yaml, String field, String mentions) {
        return new Row(label, "m.yaml", Map.of("m.yaml", yaml), List.of(), field, mentions, true);
    }

    /** A manifest referenced from an experiment, so that its problems are named by {@code faults[0].manifest}. */
    private static Row viaExperiment(String label, String yaml, String field, String mentions) {
        return new Row(label, "experiment.yaml", Map.of("experiment.yaml", "name: t\nfaults:\n  - manifest: m.yaml\n",
                "m.yaml", yaml), List.of(), field, mentions, true);
    }

    private static Row experiment(String label, String yaml, String field, String mentions) {
        return new Row(label, "experiment.yaml", Map.of("experiment.yaml", yaml), List.of(), field, mentions, true);
    }

    private static Row runOption(String label, List<String> extra, String field, String mentions) {
        return new Row(label, "m.yaml", Map.of("m.yaml", partitionWith(null, null)), extra, field, mentions, false);
    }

    private static final String SELECTOR = "  selector: {namespaces: [tenant-alice]}\n";
    private static final String DURATIONS = "use 30s, 5m, 1h";

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // Durations
        rows.add(manifest("duration 0s", partitionWith("duration: 30s", "duration: 0s"), M + ".spec.duration", "longer than 0s"));
        rows.add(manifest("integer duration", partitionWith("duration: 30s", "duration: 30"), M + ".spec.duration",
                "must be a duration written as text"));
        rows.add(manifest("no duration", partitionWith("  duration: 30s\n", null), M + ".spec.duration", "is required"));
        rows.add(manifest("duration 30x", partitionWith("duration: 30s", "duration: 30x"), M + ".spec.duration", DURATIONS));
        rows.add(manifest("duration above the cap", partitionWith("duration: 30s", "duration: 13h"), M + ".spec.duration",
                "maximum fault duration"));
        rows.add(manifest("Schedule every 5s with no duration anywhere", kind("Schedule", """
                  schedule: "@every 5s"
                  type: NetworkChaos
                  concurrencyPolicy: Forbid
                  networkChaos:
                    action: partition
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                """), M + ".spec.networkChaos.duration", "ends by itself"));
        // Selectors
        rows.add(manifest("no selector at all", partitionWith("  selector:\n    namespaces: [tenant-alice]\n", null),
                M + ".spec.selector", "is required"));
        rows.add(manifest("empty selector", partitionWith("  selector:\n    namespaces: [tenant-alice]\n", "  selector: {}\n"),
                M + ".spec.selector", "empty selector"));
        rows.add(manifest("expressionSelectors [{}]", partitionWith("    namespaces: [tenant-alice]\n",
                "    namespaces: [tenant-alice]\n    expressionSelectors: [{}]\n"), M + ".spec.selector.expressionSelectors[0]",
                "empty expression"));
        rows.add(manifest("expression In without values", partitionWith("    namespaces: [tenant-alice]\n",
                "    namespaces: [tenant-alice]\n    expressionSelectors: [{key: app, operator: In}]\n"),
                M + ".spec.selector.expressionSelectors[0].values", "needs a non-empty list of values"));
        rows.add(manifest("expression with an unknown operator", partitionWith("    namespaces: [tenant-alice]\n",
                "    namespaces: [tenant-alice]\n    expressionSelectors: [{key: app, operator: Like, values: [a]}]\n"),
                M + ".spec.selector.expressionSelectors[0].operator", "allowed: In, NotIn, Exists, DoesNotExist"));
        rows.add(manifest("unknown selector key", partitionWith("    namespaces: [tenant-alice]\n",
                "    namespaces: [tenant-alice]\n    labelSelector: {app: x}\n"), M + ".spec.selector.labelSelector",
                "did you mean 'labelSelectors'?"));
        rows.add(manifest("label selector value not text", partitionWith("    namespaces: [tenant-alice]\n",
                "    namespaces: [tenant-alice]\n    labelSelectors: {version: 2}\n"), M + ".spec.selector.labelSelectors",
                "quote numbers"));
        rows.add(manifest("empty target selector", partitionWith("selector: {namespaces: [tenant-bob]}", "selector: {}"),
                M + ".spec.target.selector", "empty selector"));
        rows.add(manifest("selector in kube-system", partitionWith("namespaces: [tenant-alice]", "namespaces: [kube-system]"),
                M + ".spec.selector.namespaces", "protected"));
        // Percentages, modes and values
        rows.add(manifest("loss \"150\"", kind("NetworkChaos", "  action: loss\n  mode: all\n" + SELECTOR
                + "  loss: {loss: \"150\"}\n  duration: 30s\n"), M + ".spec.loss.loss", "between 0 and 100"));
        rows.add(manifest("loss as a bare number", kind("NetworkChaos", "  action: loss\n  mode: all\n" + SELECTOR
                + "  loss: {loss: 25}\n  duration: 30s\n"), M + ".spec.loss.loss", "written as text"));
        rows.add(manifest("loss not a number", kind("NetworkChaos", "  action: loss\n  mode: all\n" + SELECTOR
                + "  loss: {loss: \"a lot\"}\n  duration: 30s\n"), M + ".spec.loss.loss", "percentage 0..100"));
        rows.add(manifest("loss without its block", kind("NetworkChaos", "  action: loss\n  mode: all\n" + SELECTOR
                + "  duration: 30s\n"), M + ".spec.loss.loss", "action loss needs loss.loss"));
        rows.add(manifest("delay correlation 101", kind("NetworkChaos", "  action: delay\n  mode: all\n" + SELECTOR
                + "  delay: {latency: 10ms, correlation: \"101\"}\n  duration: 30s\n"), M + ".spec.delay.correlation",
                "between 0 and 100"));
        rows.add(manifest("fixed-percent without value", partitionWith("  mode: all\n  selector", "  mode: fixed-percent\n  selector"),
                M + ".spec.value", "mode fixed-percent needs value"));
        rows.add(manifest("fixed-percent value \"150\"", partitionWith("  mode: all\n  selector",
                "  mode: fixed-percent\n  value: \"150\"\n  selector"), M + ".spec.value", "at most 100"));
        rows.add(manifest("random-max-percent 12.5 (Chaos Mesh reads it with Atoi)", partitionWith("  mode: all\n  selector",
                "  mode: random-max-percent\n  value: \"12.5\"\n  selector"), M + ".spec.value", "whole percentage"));
        rows.add(manifest("fixed value 0", partitionWith("  mode: all\n  selector", "  mode: fixed\n  value: \"0\"\n  selector"),
                M + ".spec.value", "whole number of pods >= 1"));
        rows.add(manifest("no mode", partitionWith("  mode: all\n  selector", "  selector"), M + ".spec.mode",
                "allowed: one, all, fixed, fixed-percent, random-max-percent"));
        rows.add(manifest("unknown mode", partitionWith("  mode: all\n  selector", "  mode: some\n  selector"), M + ".spec.mode",
                "allowed: one, all"));
        rows.add(manifest("target without mode", partitionWith("    mode: all\n    selector: {namespaces: [tenant-bob]}",
                "    selector: {namespaces: [tenant-bob]}"), M + ".spec.target.mode", "is required"));
        // Names and namespaces
        rows.add(manifest("namespace KUBE-SYSTEM", resource("chaos-mesh.org/v1alpha1", "NetworkChaos",
                "name: m\n  namespace: KUBE-SYSTEM", PARTITION_SPEC), M + ".metadata.namespace", "not a valid namespace name"));
        rows.add(manifest("selector namespace tenant_alice!", partitionWith("namespaces: [tenant-alice]",
                "namespaces: [\"tenant_alice!\"]"), M + ".spec.selector.namespaces[0]", "RFC 1123 label"));
        rows.add(manifest("metadata name not RFC 1123", resource("chaos-mesh.org/v1alpha1", "NetworkChaos",
                "name: My_Partition\n  namespace: tenant-alice", PARTITION_SPEC), M + ".metadata.name", "RFC 1123 subdomain"));
        rows.add(manifest("metadata name too long", resource("chaos-mesh.org/v1alpha1", "NetworkChaos",
                "name: " + "a".repeat(254) + "\n  namespace: tenant-alice", PARTITION_SPEC), M + ".metadata.name", "at most 253"));
        rows.add(manifest("no metadata name", resource("chaos-mesh.org/v1alpha1", "NetworkChaos", "namespace: tenant-alice",
                PARTITION_SPEC), M + ".metadata.name", "is required"));
        // Kinds and versions
        rows.add(manifest("kind PodChaoss", kind("PodChaoss", "  action: pod-failure\n  mode: one\n" + SELECTOR
                + "  duration: 30s\n"), M + ".kind", "did you mean 'PodChaos'?"));
        rows.add(manifest("kind podchaos", kind("podchaos", "  action: pod-failure\n  mode: one\n" + SELECTOR
                + "  duration: 30s\n"), M + ".kind", "kinds are case-sensitive: did you mean 'PodChaos'?"));
        rows.add(manifest("apiVersion chaos-mesh.org/v9", resource("chaos-mesh.org/v9", "NetworkChaos",
                "name: m\n  namespace: tenant-alice", PARTITION_SPEC), M + ".apiVersion", "unknown version"));
        rows.add(manifest("no spec", "apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\nmetadata: {name: m}\n",
                M + ".spec", "is missing"));
        // Actions and the fields each needs
        rows.add(manifest("action pod-explode", kind("PodChaos", "  action: pod-explode\n  mode: one\n" + SELECTOR
                + "  duration: 30s\n"), M + ".spec.action", "allowed: pod-kill, pod-failure, container-kill"));
        rows.add(manifest("NetworkChaos without action", partitionWith("  action: partition\n", null), M + ".spec.action",
                "allowed: netem, delay"));
        rows.add(manifest("NetworkChaos delay without latency", kind("NetworkChaos", "  action: delay\n  mode: all\n" + SELECTOR
                + "  delay: {jitter: 10ms}\n  duration: 30s\n"), M + ".spec.delay.latency", "needs delay.latency"));
        rows.add(manifest("delay latency not a duration", kind("NetworkChaos", "  action: delay\n  mode: all\n" + SELECTOR
                + "  delay: {latency: slow}\n  duration: 30s\n"), M + ".spec.delay.latency", DURATIONS));
        rows.add(manifest("direction sideways", partitionWith("direction: to", "direction: sideways"), M + ".spec.direction",
                "allowed: to, from, both"));
        rows.add(manifest("delay in direction both without target", kind("NetworkChaos", "  action: delay\n  mode: all\n"
                + SELECTOR + "  direction: both\n  delay: {latency: 10ms}\n  duration: 30s\n"), M + ".spec.direction",
                "needs target"));
        rows.add(manifest("externalTargets with direction from", kind("NetworkChaos", "  action: delay\n  mode: all\n"
                + SELECTOR + "  direction: from\n  externalTargets: [example.com]\n  delay: {latency: 10ms}\n"
                + "  target: {mode: all, selector: {namespaces: [tenant-bob]}}\n  duration: 30s\n"), M + ".spec.direction",
                "externalTargets cannot be used with direction from"));
        rows.add(manifest("bandwidth without limit", kind("NetworkChaos", "  action: bandwidth\n  mode: all\n" + SELECTOR
                + "  bandwidth: {rate: 1mbps, buffer: 10000}\n  duration: 30s\n"), M + ".spec.bandwidth.limit", "is required"));
        rows.add(manifest("bandwidth rate fast", kind("NetworkChaos", "  action: bandwidth\n  mode: all\n" + SELECTOR
                + "  bandwidth: {rate: fast, limit: 100, buffer: 10000}\n  duration: 30s\n"), M + ".spec.bandwidth.rate",
                "is not a rate"));
        rows.add(manifest("duplicate without its block", kind("NetworkChaos", "  action: duplicate\n  mode: all\n" + SELECTOR
                + "  duration: 30s\n"), M + ".spec.duplicate.duplicate", "percentage 0..100"));
        rows.add(manifest("corrupt \"101\"", kind("NetworkChaos", "  action: corrupt\n  mode: all\n" + SELECTOR
                + "  corrupt: {corrupt: \"101\"}\n  duration: 30s\n"), M + ".spec.corrupt.corrupt", "between 0 and 100"));
        rows.add(manifest("HTTPChaos without target", kind("HTTPChaos", "  mode: all\n" + SELECTOR
                + "  port: 8080\n  abort: true\n  duration: 30s\n"), M + ".spec.target", "allowed: Request, Response"));
        rows.add(manifest("HTTPChaos port 0", kind("HTTPChaos", "  mode: all\n" + SELECTOR
                + "  target: Request\n  port: 0\n  abort: true\n  duration: 30s\n"), M + ".spec.port", "1..65535"));
        rows.add(manifest("HTTPChaos that changes nothing", kind("HTTPChaos", "  mode: all\n" + SELECTOR
                + "  target: Request\n  port: 8080\n  duration: 30s\n"), M + ".spec", "needs one of abort, delay, replace, patch"));
        rows.add(manifest("HTTPChaos method FETCH", kind("HTTPChaos", "  mode: all\n" + SELECTOR
                + "  target: Request\n  port: 8080\n  method: FETCH\n  abort: true\n  duration: 30s\n"), M + ".spec.method",
                "allowed: GET, POST"));
        rows.add(manifest("StressChaos without stressors", kind("StressChaos", "  mode: one\n" + SELECTOR
                + "  duration: 30s\n"), M + ".spec.stressors", "needs stressors"));
        rows.add(manifest("StressChaos with 0 workers", kind("StressChaos", "  mode: one\n" + SELECTOR
                + "  stressors: {cpu: {workers: 0, load: 50}}\n  duration: 30s\n"), M + ".spec.stressors.cpu.workers",
                "between 1 and"));
        rows.add(manifest("StressChaos memory size lots", kind("StressChaos", "  mode: one\n" + SELECTOR
                + "  stressors: {memory: {workers: 1, size: lots}}\n  duration: 30s\n"), M + ".spec.stressors.memory.size",
                "is not a size"));
        rows.add(manifest("container-kill without containerNames", kind("PodChaos", "  action: container-kill\n  mode: one\n"
                + SELECTOR), M + ".spec.containerNames", "list of container names"));
        rows.add(manifest("IOChaos latency without delay", kind("IOChaos", "  action: latency\n  mode: one\n" + SELECTOR
                + "  volumePath: /var/run/data\n  duration: 30s\n"), M + ".spec.delay", "action latency needs delay"));
        rows.add(manifest("IOChaos fault with errno 0", kind("IOChaos", "  action: fault\n  mode: one\n" + SELECTOR
                + "  volumePath: /var/run/data\n  errno: 0\n  duration: 30s\n"), M + ".spec.errno", "errno 0 is not supported"));
        rows.add(manifest("IOChaos without volumePath", kind("IOChaos", "  action: latency\n  mode: one\n" + SELECTOR
                + "  delay: 100ms\n  duration: 30s\n"), M + ".spec.volumePath", "is required"));
        rows.add(manifest("IOChaos percent 150", kind("IOChaos", "  action: latency\n  mode: one\n" + SELECTOR
                + "  volumePath: /var/run/data\n  delay: 100ms\n  percent: 150\n  duration: 30s\n"), M + ".spec.percent",
                "between 0 and 100"));
        rows.add(manifest("TimeChaos offset yesterday", kind("TimeChaos", "  mode: one\n" + SELECTOR
                + "  timeOffset: yesterday\n  duration: 30s\n"), M + ".spec.timeOffset", "is not a duration"));
        rows.add(manifest("DNSChaos action lie", kind("DNSChaos", "  action: lie\n  mode: all\n" + SELECTOR
                + "  duration: 30s\n"), M + ".spec.action", "allowed: error, random"));
        // Schedule
        String scheduleBody = "  type: PodChaos\n  podChaos:\n    action: pod-failure\n    mode: one\n"
                + "    selector: {namespaces: [tenant-alice]}\n    duration: 30s\n";
        rows.add(manifest("Schedule with a sentence as cron", kind("Schedule", "  schedule: every five seconds\n" + scheduleBody),
                M + ".spec.schedule", "cron needs 5"));
        rows.add(manifest("Schedule minute 61", kind("Schedule", "  schedule: \"61 * * * *\"\n" + scheduleBody),
                M + ".spec.schedule", "is not a minute"));
        rows.add(manifest("Schedule @every 0s", kind("Schedule", "  schedule: \"@every 0s\"\n" + scheduleBody),
                M + ".spec.schedule", "shorter than 1s"));
        rows.add(manifest("Schedule @fortnightly", kind("Schedule", "  schedule: \"@fortnightly\"\n" + scheduleBody),
                M + ".spec.schedule", "unknown descriptor"));
        rows.add(manifest("Schedule without its chaos body", kind("Schedule", "  schedule: \"@every 5m\"\n  type: PodChaos\n"),
                M + ".spec.podChaos", "is required"));
        rows.add(manifest("Schedule with the body of another type", kind("Schedule", "  schedule: \"@every 5m\"\n"
                + scheduleBody.replace("type: PodChaos", "type: NetworkChaos")), M + ".spec.podChaos",
                "a Schedule of type NetworkChaos carries only networkChaos"));
        rows.add(manifest("Schedule type NetworkChaoss", kind("Schedule", "  schedule: \"@every 5m\"\n"
                + scheduleBody.replace("type: PodChaos", "type: NetworkChaoss")), M + ".spec.type",
                "did you mean 'NetworkChaos'?"));
        rows.add(manifest("Schedule body that Chaos Mesh refuses", kind("Schedule", "  schedule: \"@every 5m\"\n"
                + scheduleBody.replace("mode: one", "mode: fixed")), M + ".spec.podChaos.value", "mode fixed needs value"));
        // Workflow
        String workflow = """
                  entry: the-entry
                  templates:
                    - name: the-entry
                      templateType: Serial
                      deadline: 5m
                      children: [partition, pause]
                    - name: partition
                      templateType: NetworkChaos
                      deadline: 1m
                      networkChaos:
                        action: partition
                        mode: all
                        selector: {namespaces: [tenant-alice]}
                    - name: pause
                      templateType: Suspend
                      deadline: 10s
                """;
        rows.add(manifest("Workflow entry that names no template", kind("Workflow", workflow.replace("entry: the-entry",
                "entry: start")), M + ".spec.entry", "no template is named 'start'"));
        rows.add(manifest("Workflow child that does not exist", kind("Workflow", workflow.replace("[partition, pause]",
                "[partition, paws]")), M + ".spec.templates[0].children[1]", "did you mean 'pause'?"));
        rows.add(manifest("Workflow chaos template with a duration", kind("Workflow", workflow.replace(
                "selector: {namespaces: [tenant-alice]}", "selector: {namespaces: [tenant-alice]}\n        duration: 30s")),
                M + ".spec.templates[1].networkChaos.duration", "give the template a deadline instead"));
        rows.add(manifest("Workflow chaos template without a deadline", kind("Workflow", workflow.replace(
                "      deadline: 1m\n", "")), M + ".spec.templates[1].deadline", "the fault never ends"));
        rows.add(manifest("Workflow Suspend without a deadline", kind("Workflow", workflow.replace(
                "      deadline: 10s\n", "")), M + ".spec.templates[2].deadline", "needs a deadline"));
        rows.add(manifest("Workflow with two templates of one name", kind("Workflow", workflow.replace("- name: pause",
                "- name: partition")), M + ".spec.templates", "listed twice: partition"));
        rows.add(manifest("Workflow templateType Sleep", kind("Workflow", workflow.replace("templateType: Suspend",
                "templateType: Sleep")), M + ".spec.templates[2].templateType", "unknown templateType"));
        rows.add(manifest("Workflow deadline 0s", kind("Workflow", workflow.replace("deadline: 10s", "deadline: 0s")),
                M + ".spec.templates[2].deadline", "longer than 0s"));
        // YAML that would show the guardrails something else than what is applied
        rows.add(viaExperiment("duplicate key replacing a kube-system selector", partitionWith("    namespaces: [tenant-alice]\n",
                "    namespaces: [kube-system]\n    namespaces: [tenant-alice]\n"), "faults[0].manifest",
                "at line 11, column"));
        rows.add(viaExperiment("YAML alias", "apiVersion: chaos-mesh.org/v1alpha1\nkind: NetworkChaos\nmetadata: {name: m}\n"
                + "spec:\n  action: partition\n  mode: all\n  selector: &s {namespaces: [tenant-alice]}\n"
                + "  target: {mode: all, selector: *s}\n  duration: 30s\n", "faults[0].manifest", "aliases (*name) are not accepted"));
        rows.add(experiment("duplicate key in the experiment", "name: t\nname: u\nfaults:\n  - manifest: m.yaml\n",
                "YAML duplicate key in", "key 'name' is given twice"));
        // Found only after a fault was applied, before #12
        String probe = """
                name: isolation with an unset token
                faults:
                  - manifest: m.yaml
                probes:
                  tenantIsolation:
                    gateway: http://127.0.0.1:9
                    network: false
                    rbac: false
                    tenants:
                      - {name: alice, token: "env:CHAOS_TEST_SURELY_UNSET_TOKEN_12"}
                      - {name: bob, token: "env:CHAOS_TEST_SURELY_UNSET_TOKEN_12"}
                """;
        rows.add(new Row("env: token variable unset", "experiment.yaml", Map.of("experiment.yaml", probe,
                "m.yaml", partitionWith(null, null)), List.of(), "probes.tenantIsolation.tenants[0].token",
                "environment variable CHAOS_TEST_SURELY_UNSET_TOKEN_12 is not set", true));
        rows.add(runOption("PagerDuty events URL malformed", List.of("--pagerduty-events-url", "events pagerduty com"),
                "--pagerduty-events-url", "absolute http or https URL"));
        rows.add(runOption("Pushgateway URL malformed", List.of("--pushgateway", "ftp://pushgateway"), "--pushgateway",
                "absolute http or https URL"));
        rows.add(runOption("build URL malformed", List.of("--build-url", "job 7"), "--build-url", "absolute http or https URL"));
        // Timeouts and files
        String withManifest = "name: t\nfaults:\n  - manifest: m.yaml\n";
        rows.add(new Row("injectionTimeout 99999h", "experiment.yaml", Map.of("experiment.yaml", "injectionTimeout: 99999h\n"
                + withManifest, "m.yaml", partitionWith(null, null)), List.of(), "injectionTimeout", "allowed 1s .. 1h", true));
        rows.add(new Row("recoveryTimeout 0s", "experiment.yaml", Map.of("experiment.yaml", "recoveryTimeout: 0s\n"
                + withManifest, "m.yaml", partitionWith(null, null)), List.of(), "recoveryTimeout", "allowed 1s .. 1h", true));
        rows.add(experiment("manifest ../../etc/passwd", "name: t\nfaults:\n  - manifest: ../../etc/passwd\n",
                "faults[0].manifest", "manifest paths must stay inside the experiment's directory"));
        rows.add(experiment("manifest /etc/shadow", "name: t\nfaults:\n  - manifest: /etc/shadow\n",
                "faults[0].manifest", "manifest paths must stay inside the experiment's directory"));
        return rows.stream();
    }

    @Test
    void theTableCoversAtLeastSixtyInputs() {
        assertTrue(rows().count() >= 60, () -> rows().count() + " rows");
    }

    @Test
    void theUnchangedPartitionIsValid() throws Exception {
        Path file = Files.writeString(dir.resolve("m.yaml"), partitionWith(null, null));
        CliRun validate = cli("validate", file.toString());
        assertEquals(0, validate.exit(), validate::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedWithTheFieldNamedAndNothingApplied(Row row) throws Exception {
        for (Map.Entry<String, String> file : row.files().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        String path = dir.resolve(row.file()).toString();
        List<String> args = new ArrayList<>(List.of("run", path, "--kubeconfig", kubeconfig.toString(),
                "--allow-namespace", "tenant-alice", "--allow-namespace", "tenant-bob", "--report-dir",
                dir.resolve("reports").toString()));
        args.addAll(row.extra());
        CliRun run = cli(args.toArray(String[]::new));

        assertEquals(2, run.exit(), run::toString);
        String named = row.field().startsWith("YAML") ? row.field() : row.field() + ":";
        assertTrue(run.all().contains(named), () -> "names " + named + "\n" + run);
        assertTrue(run.all().contains(row.mentions()), () -> "mentions '" + row.mentions() + "'\n" + run);
        assertFalse(run.all().contains("\tat ") || run.all().contains("Exception"), () -> "no stack trace\n" + run);
        assertTrue(run.all().contains("nothing was applied"), run::toString);
        var left = allChaosResources(cluster.client());
        assertEquals(0, left.size(), () -> "chaos resources on the API server: " + names(left));
        if (row.offline()) {
            CliRun validate = cli("validate", path);
            assertEquals(2, validate.exit(), validate::toString);
            assertTrue(validate.out().contains(named), validate::toString);
        }
    }
}
