package io.jenkins.plugins.chaos.experiment;

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
import java.util.LinkedHashMap;
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
 * Bad experiments through the real CLI against a running playground: each one must end with exit 2, name the field
 * that is wrong (and the allowed values where there is a closed set), and leave the API server without a single
 * chaos resource.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedExperimentTest {

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
     * @param file     the file given to {@code chaos run}; the experiment unless a row runs a manifest directly
     * @param files    file name to content, written beside each other
     * @param field    the field path the output must name, as {@code field:}; for YAML syntax errors the text instead
     * @param mentions text the explanation must carry (allowed values, the rule that was broken)
     */
    record Row(String label, String file, Map<String, String> files, String field, String mentions) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final String TARGET = "target: {mode: all, selector: {namespaces: [tenant-bob]}}";

    /** An experiment with one fault made of the given lines (indented under the list dash). */
    private static String oneFault(String... lines) {
        StringBuilder yaml = new StringBuilder("name: malformed\nfaults:\n  - ");
        for (int i = 0; i < lines.length; i++) {
            yaml.append(i == 0 ? "" : "    ").append(lines[i]).append('\n');
        }
        return yaml.toString();
    }

    /** An IOChaos on tenant-alice's store with the action line and the action's own lines (null drops the action). */
    private static String ioChaos(String action, String own) {
        List<String> lines = new ArrayList<>(List.of("name: io", "kind: IOChaos"));
        if (action != null) {
            lines.add(action);
        }
        lines.addAll(List.of("duration: 30s", "mode: all", "selector: {namespaces: [tenant-alice]}",
                "volumePath: /var/lib/tenant-store", "path: /var/lib/tenant-store/**/*"));
        lines.add(own);
        return oneFault(lines.toArray(String[]::new));
    }

    /** A valid partition of tenant-alice from tenant-bob with one line replaced (or dropped, when replacement is null). */
    private static String partitionWith(String key, String replacement) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("name", "name: p");
        lines.put("kind", "kind: NetworkChaos");
        lines.put("action", "action: partition");
        lines.put("duration", "duration: 30s");
        lines.put("mode", "mode: all");
        lines.put("selector", "selector: {namespaces: [tenant-alice]}");
        lines.put("direction", "direction: to");
        lines.put("target", TARGET);
        if (key != null) {
            if (replacement == null) {
                lines.remove(key);
            } else {
                lines.put(key, replacement);
            }
        }
        return oneFault(lines.values().toArray(String[]::new));
    }

    private static Row row(String label, String yaml, String field, String mentions) {
        return new Row(label, "experiment.yaml", Map.of("experiment.yaml", yaml), field, mentions);
    }

    private static Row withFiles(String label, String yaml, Map<String, String> extra, String field, String mentions) {
        Map<String, String> files = new LinkedHashMap<>(extra);
        files.put("experiment.yaml", yaml);
        return new Row(label, "experiment.yaml", files, field, mentions);
    }

    private static final String MODES = "one, all, fixed, fixed-percent, random-max-percent";
    private static final String DURATIONS = "use 30s, 5m, 1h";
    private static final String PROTECTED = "kube-system, kube-public and kube-node-lease are protected";

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // Durations
        rows.add(row("duration 30x", partitionWith("duration", "duration: 30x"), "faults[0].duration", DURATIONS));
        rows.add(row("duration empty", partitionWith("duration", "duration: \"\""), "faults[0].duration", DURATIONS));
        rows.add(row("duration -5s", partitionWith("duration", "duration: -5s"), "faults[0].duration", DURATIONS));
        rows.add(row("duration 2h above maxDuration 1h", partitionWith("duration", "duration: 2h"), "faults[0].duration",
                "maximum fault duration 1h (maxDuration)"));
        rows.add(row("duration 0s", partitionWith("duration", "duration: 0s"), "faults[0].duration", "longer than 0s"));
        rows.add(row("duration above an explicit maxDuration", "maxDuration: 5m\n" + partitionWith("duration", "duration: 10m"),
                "faults[0].duration", "maximum fault duration 5m"));
        rows.add(row("maxDuration above the hard cap", "maxDuration: 13h\n" + partitionWith(null, null), "maxDuration",
                "hard limit of 12h"));
        rows.add(row("injectionTimeout not a duration", "injectionTimeout: soon\n" + partitionWith(null, null),
                "injectionTimeout", DURATIONS));
        // Kinds and actions
        rows.add(row("unknown kind", partitionWith("kind", "kind: NetworkChaoss"), "faults[0].kind",
                "allowed: NetworkChaos, PodChaos, HTTPChaos, StressChaos"));
        rows.add(row("refused kind inline", partitionWith("kind", "kind: PhysicalMachineChaos"), "faults[0].kind",
                "not supported"));
        rows.add(row("manifest-only kind inline", partitionWith("kind", "kind: DNSChaos"), "faults[0].kind",
                "manifest only"));
        // IOChaos inline: the same rules as the other kinds, and its own fields
        rows.add(row("IOChaos without an action", ioChaos(null, "delay: 100ms"), "faults[0].action",
                "allowed: latency, fault, attrOverride, mistake"));
        rows.add(row("unknown IOChaos action", ioChaos("action: melt", "delay: 100ms"), "faults[0].action",
                "allowed: latency, fault, attrOverride, mistake"));
        rows.add(row("IOChaos without volumePath", ioChaos("action: latency", "delay: 100ms").replace(
                "    volumePath: /var/lib/tenant-store\n", ""), "faults[0].volumePath", "is required for IOChaos"));
        rows.add(row("IOChaos relative volumePath", ioChaos("action: latency", "delay: 100ms").replace(
                "volumePath: /var/lib/tenant-store", "volumePath: var/lib"), "faults[0].volumePath", "absolute path"));
        rows.add(row("IOChaos latency without delay", ioChaos("action: latency", "percent: 50"), "faults[0].delay",
                "needs delay"));
        rows.add(row("IOChaos latency with a bad delay", ioChaos("action: latency", "delay: slowly"), "faults[0].delay",
                DURATIONS));
        rows.add(row("IOChaos fault without errno", ioChaos("action: fault", "percent: 50"), "faults[0].errno",
                "5 is EIO"));
        rows.add(row("IOChaos percent above 100", ioChaos("action: fault", "errno: 5\n    percent: 150"),
                "faults[0].percent", "between 0 and 100"));
        rows.add(row("IOChaos unknown method", ioChaos("action: fault", "errno: 5\n    methods: [read, teleport]"),
                "faults[0].methods[1]", "allowed: lookup, forget"));
        rows.add(row("IOChaos attrOverride without attr", ioChaos("action: attrOverride", "percent: 10"),
                "faults[0].attr", "allowed keys: ino, size"));
        rows.add(row("IOChaos attrOverride unknown attribute", ioChaos("action: attrOverride", "attr: {colour: red}"),
                "faults[0].attr.colour", "allowed: ino, size"));
        rows.add(row("IOChaos mistake without its block", ioChaos("action: mistake", "percent: 10"),
                "faults[0].mistake", "filling: zero|random"));
        rows.add(row("IOChaos mistake bad filling", ioChaos("action: mistake",
                "mistake: {filling: garbage, maxOccurrences: 1, maxLength: 10}"), "faults[0].mistake.filling",
                "allowed: zero, random"));
        rows.add(row("IOChaos mistake zero length", ioChaos("action: mistake",
                "mistake: {filling: zero, maxOccurrences: 1, maxLength: 0}"), "faults[0].mistake.maxLength",
                "at least 1"));
        rows.add(row("IOChaos unknown key", ioChaos("action: latency", "delay: 10ms\n    latency: 10ms"),
                "faults[0].latency", "latency applies to NetworkChaos delay and HTTPChaos delay only"));
        rows.add(row("IOChaos in kube-system", ioChaos("action: latency", "delay: 10ms").replace(
                "namespaces: [tenant-alice]", "namespaces: [kube-system]"), "faults[0].selector.namespaces", PROTECTED));
        rows.add(row("unknown NetworkChaos action", partitionWith("action", "action: partitionn"), "faults[0].action",
                "allowed: partition, loss, delay, bandwidth"));
        rows.add(row("unknown PodChaos action", oneFault("kind: PodChaos", "action: pod-explode", "duration: 30s", "mode: one",
                "selector: {namespaces: [inference]}"), "faults[0].action", "allowed: pod-kill, pod-failure, container-kill"));
        rows.add(row("unknown HTTPChaos action", oneFault("kind: HTTPChaos", "action: teleport", "duration: 30s", "mode: all",
                "selector: {namespaces: [inference]}", "target: Request", "port: 9000"), "faults[0].action",
                "allowed: abort, delay, replace, patch"));
        rows.add(row("unknown direction", partitionWith("direction", "direction: sideways"), "faults[0].direction",
                "allowed: to, from, both"));
        // Selectors and protected namespaces
        rows.add(row("empty selector", partitionWith("selector", "selector: {}"), "faults[0].selector", "empty selector"));
        rows.add(row("missing selector", partitionWith("selector", null), "faults[0].selector", "is required"));
        rows.add(row("empty target selector", partitionWith("target", "target: {mode: all, selector: {}}"),
                "faults[0].target.selector", "empty selector"));
        rows.add(row("selector in kube-system", partitionWith("selector", "selector: {namespaces: [kube-system]}"),
                "faults[0].selector.namespaces", PROTECTED));
        rows.add(row("target selector in kube-public",
                partitionWith("target", "target: {mode: all, selector: {namespaces: [kube-public]}}"),
                "faults[0].target.selector.namespaces", PROTECTED));
        rows.add(row("fault namespace kube-node-lease", oneFault("kind: PodChaos", "action: pod-failure", "duration: 30s",
                "mode: one", "namespace: kube-node-lease", "selector: {labelSelectors: {app: provider}}"),
                "faults[0].namespace", PROTECTED));
        rows.add(row("allowedNamespaces with kube-system", "allowedNamespaces: [tenant-alice, kube-system]\n"
                + partitionWith(null, null), "allowedNamespaces[1]", PROTECTED));
        rows.add(row("invalid namespace name", partitionWith("selector", "selector: {namespaces: [Tenant_Alice]}"),
                "faults[0].selector.namespaces[0]", "not a valid namespace name"));
        rows.add(row("unknown selector key", partitionWith("selector", "selector: {namespaces: [tenant-alice], labelSelector: {app: x}}"),
                "faults[0].selector.labelSelector", "allowed: namespaces, labelSelectors"));
        rows.add(row("namespace not allowed by the cluster", partitionWith("selector", "selector: {namespaces: [default]}"),
                "faults[0]", "namespace 'default' is not allowed: add it to allowedNamespaces"));
        rows.add(row("namespace that does not exist", partitionWith("selector", "selector: {namespaces: [tenant-zed]}"),
                "faults[0]", "namespace 'tenant-zed' does not exist"));
        // Modes and percentages
        rows.add(row("unknown mode", partitionWith("mode", "mode: some"), "faults[0].mode", "allowed: " + MODES));
        rows.add(row("mode fixed without value", partitionWith("mode", "mode: fixed"), "faults[0].value",
                "mode fixed needs value"));
        rows.add(row("fixed-percent 150", partitionWith("mode", "mode: fixed-percent\n    value: 150"), "faults[0].value",
                "a whole percentage above 0 and at most 100"));
        rows.add(row("loss 150", oneFault("kind: NetworkChaos", "action: loss", "duration: 30s", "mode: all",
                "selector: {namespaces: [tenant-alice]}", "loss: {loss: '150'}"), "faults[0].loss.loss", "between 0 and 100"));
        rows.add(row("delay correlation -1", oneFault("kind: NetworkChaos", "action: delay", "duration: 30s", "mode: all",
                "selector: {namespaces: [tenant-alice]}", "delay: {latency: 100ms, correlation: '-1'}"),
                "faults[0].delay.correlation", "between 0 and 100"));
        rows.add(row("bandwidth rate not a rate", oneFault("kind: NetworkChaos", "action: bandwidth", "duration: 30s",
                "mode: all", "selector: {namespaces: [tenant-alice]}", "bandwidth: {rate: fast, limit: 100, buffer: 10000}"),
                "faults[0].bandwidth.rate", "use bps, kbps, mbps, gbps"));
        rows.add(row("stress cpu load 150", oneFault("kind: StressChaos", "duration: 30s", "mode: one",
                "selector: {namespaces: [tenant-alice]}", "stressors: {cpu: {workers: 1, load: 150}}"),
                "faults[0].stressors.cpu.load", "between 0 and 100"));
        rows.add(row("abortOn unknown", "abortOn: sometimes\n" + partitionWith(null, null), "abortOn",
                "allowed: never, isolation, critical"));
        // Missing fields
        rows.add(row("missing name", partitionWith(null, null).replace("name: malformed\n", ""), "name", "is required"));
        rows.add(row("missing kind", partitionWith("kind", null), "faults[0].kind",
                "allowed: NetworkChaos, PodChaos, HTTPChaos, StressChaos"));
        rows.add(row("missing duration", partitionWith("duration", null), "faults[0].duration", "is required"));
        rows.add(row("missing mode", partitionWith("mode", null), "faults[0].mode", "allowed: " + MODES));
        rows.add(row("missing faults", "name: malformed\nenvironment: staging\n", "faults", "at least one fault"));
        rows.add(row("faults not a list", "name: malformed\nfaults: hello\n", "faults", "must be a list of faults"));
        rows.add(row("missing action", partitionWith("action", null), "faults[0].action", "allowed: partition, loss"));
        // YAML syntax
        rows.add(row("bad indentation", "name: malformed\nfaults:\n  - kind: NetworkChaos\n     action: partition\n",
                "YAML syntax error", "at line 4"));
        rows.add(row("unclosed quote", "name: \"malformed\nfaults: []\n", "YAML syntax error", "at line"));
        rows.add(row("unclosed bracket", "name: malformed\nfaults:\n  - selector: {namespaces: [tenant-alice}\n",
                "YAML syntax error", "at line 3"));
        rows.add(row("tab indentation", "name: malformed\nfaults:\n\t- kind: NetworkChaos\n", "YAML syntax error", "at line"));
        // Unknown keys
        rows.add(row("unknown top-level key", "namepsace: tenant-alice\n" + partitionWith(null, null), "namepsace",
                "did you mean 'namespace'?"));
        rows.add(row("unknown fault key", partitionWith("duration", "durration: 30s"), "faults[0].durration",
                "unknown key for NetworkChaos"));
        // Kind-specific requirements
        rows.add(row("HTTPChaos without port", oneFault("kind: HTTPChaos", "action: abort", "duration: 30s", "mode: all",
                "selector: {namespaces: [inference]}", "target: Request"), "faults[0].port", "1..65535"));
        rows.add(row("HTTPChaos without target", oneFault("kind: HTTPChaos", "action: abort", "duration: 30s", "mode: all",
                "selector: {namespaces: [inference]}", "port: 9000"), "faults[0].target", "allowed: Request, Response"));
        rows.add(row("container-kill without containerNames", oneFault("kind: PodChaos", "action: container-kill",
                "duration: 30s", "mode: one", "selector: {namespaces: [inference]}"), "faults[0].containerNames",
                "list of container names"));
        // Manifests
        String podChaos = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: outage, namespace: inference}
                spec: {action: pod-failure, mode: one, duration: 30s, selector: {labelSelectors: {app: provider}}}
                """;
        rows.add(withFiles("manifest and kind together", oneFault("manifest: outage.yaml", "kind: PodChaos"),
                Map.of("outage.yaml", podChaos), "faults[0]", "a fault with 'manifest' takes only 'name'"));
        rows.add(row("manifest file missing", oneFault("manifest: nowhere.yaml"), "faults[0].manifest",
                "cannot read manifest file"));
        String physical = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PhysicalMachineChaos
                metadata: {name: physical, namespace: inference}
                spec: {action: network-delay, mode: one, selector: {namespaces: [inference]}, duration: 10m}
                """;
        rows.add(withFiles("manifest of PhysicalMachineChaos", oneFault("manifest: physical.yaml"),
                Map.of("physical.yaml", physical), "faults[0].manifest(physical.yaml#1).kind",
                "kind PhysicalMachineChaos is not supported"));
        rows.add(new Row("PhysicalMachineChaos manifest run directly", "physical.yaml", Map.of("physical.yaml", physical),
                "faults[0].manifest(physical.yaml#1).kind", "kind PhysicalMachineChaos is not supported"));
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: intruder, namespace: inference}
                spec: {containers: [{name: main, image: busybox}]}
                """;
        rows.add(withFiles("manifest of a v1 Pod", oneFault("manifest: pod.yaml"), Map.of("pod.yaml", pod),
                "faults[0].manifest(pod.yaml#1).apiVersion", "only chaos-mesh.org/v1alpha1 kinds are applied"));
        String schedule = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: sneaky, namespace: inference}
                spec:
                  schedule: '@every 30m'
                  type: PodChaos
                  historyLimit: 2
                  concurrencyPolicy: Forbid
                  podChaos:
                    action: pod-kill
                    mode: one
                    selector:
                      namespaces: [kube-system]
                      labelSelectors: {k8s-app: kube-dns}
                """;
        rows.add(withFiles("Schedule with a nested kube-system selector", oneFault("manifest: schedule.yaml"),
                Map.of("schedule.yaml", schedule), "faults[0].manifest(schedule.yaml#1).spec.podChaos.selector.namespaces",
                PROTECTED));
        String remote = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata: {name: remote, namespace: inference}
                spec: {action: pod-failure, mode: one, duration: 30s, selector: {namespaces: [inference]}, remoteCluster: east}
                """;
        rows.add(withFiles("manifest with spec.remoteCluster", oneFault("manifest: remote.yaml"), Map.of("remote.yaml", remote),
                "faults[0].manifest(remote.yaml#1).spec.remoteCluster", "remote clusters are not supported"));
        return rows.stream();
    }

    @Test
    void theTableIsLargeEnough() {
        assertTrue(rows().count() >= 35, "at least 35 malformed inputs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedWithTheFieldNamedAndNothingApplied(Row row) throws Exception {
        for (Map.Entry<String, String> file : row.files().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        CliRun run = cli("run", dir.resolve(row.file()).toString(), "--kubeconfig", kubeconfig.toString());

        assertEquals(2, run.exit(), run::toString);
        String expectedField = row.field().startsWith("YAML") ? row.field() : row.field() + ":";
        assertTrue(run.all().contains(expectedField), () -> "names " + expectedField + "\n" + run);
        assertTrue(run.all().contains(row.mentions()), () -> "mentions '" + row.mentions() + "'\n" + run);
        assertFalse(run.all().contains("\tat "), () -> "no stack trace\n" + run);
        assertTrue(run.all().contains("nothing was applied"), run::toString);
        var left = allChaosResources(cluster.client());
        assertEquals(0, left.size(), () -> "chaos resources on the API server: " + names(left));
    }

    @Test
    void everyProblemOfAFileIsListedAtOnce() throws Exception {
        Path file = dir.resolve("many.yaml");
        Files.writeString(file, """
                name: many problems
                abortOn: sometimes
                colour: blue
                faults:
                  - name: first
                    kind: NetworkChaos
                    action: partition
                    duration: 30x
                    mode: some
                    selector: {namespaces: [tenant-alice]}
                  - name: second
                    kind: HTTPChaos
                    action: abort
                    duration: 30s
                    mode: all
                    selector: {namespaces: [inference]}
                  - name: third
                    kind: PodChaos
                    action: pod-kill
                    duration: 30s
                    mode: one
                    selector: {namespaces: [kube-system]}
                """);
        CliRun run = cli("run", file.toString(), "--kubeconfig", kubeconfig.toString());

        assertEquals(2, run.exit(), run::toString);
        List<String> fields = List.of("abortOn:", "colour:", "faults[0].duration:", "faults[0].mode:", "faults[1].port:",
                "faults[1].target:", "faults[2].selector.namespaces:");
        for (String field : fields) {
            assertTrue(run.all().contains(field), () -> "lists " + field + "\n" + run);
        }
        long listed = run.all().lines().filter(line -> line.startsWith("  - ")).count();
        assertTrue(listed >= fields.size(), () -> listed + " problems listed\n" + run);
        assertTrue(run.all().contains(listed + " problem(s)"), run::toString);
        assertEquals(0, allChaosResources(cluster.client()).size());
    }
}
