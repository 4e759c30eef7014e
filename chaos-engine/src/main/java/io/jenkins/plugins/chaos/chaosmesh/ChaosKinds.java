package io.jenkins.plugins.chaos.chaosmesh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Chaos Mesh kinds this engine applies, each checked by its own rules ({@link ChaosRules}); a kind that is not
 * listed is refused with a did-you-mean, and the kinds whose targets our guardrails cannot see are refused with the
 * reason.
 */
public final class ChaosKinds {

    private static final Map<String, ChaosKind> KNOWN = new LinkedHashMap<>();
    private static final Map<String, String> REFUSED = new LinkedHashMap<>();

    static {
        register(new ChaosKind("NetworkChaos", "networkchaos",
                List.of("partition", "loss", "delay", "bandwidth", "duplicate", "corrupt"),
                Set.of("direction", "target", "externalTargets", "device", "delay", "loss", "bandwidth", "duplicate",
                        "corrupt"), true));
        register(new ChaosKind("PodChaos", "podchaos", List.of("pod-kill", "pod-failure", "container-kill"),
                Set.of("gracePeriod", "containerNames"), true));
        register(new ChaosKind("HTTPChaos", "httpchaos", List.of("abort", "delay", "replace", "patch"),
                Set.of("target", "port", "path", "method", "code", "request_headers", "response_headers", "delay",
                        "replace", "patch"), true));
        register(new ChaosKind("StressChaos", "stresschaos", List.of(),
                Set.of("stressors", "stressngStressors", "containerNames"), true));
        register(new ChaosKind("IOChaos", "iochaos", List.of("latency", "fault", "attrOverride", "mistake"),
                Set.of("volumePath", "path", "percent", "methods", "containerNames", "delay", "errno", "attr", "mistake"),
                true));
        register(new ChaosKind("DNSChaos", "dnschaos", List.of(), Set.of(), true));
        register(new ChaosKind("TimeChaos", "timechaos", List.of(), Set.of(), true));
        register(new ChaosKind("JVMChaos", "jvmchaos", List.of(), Set.of(), true));
        register(new ChaosKind("KernelChaos", "kernelchaos", List.of(), Set.of(), true));
        register(new ChaosKind("BlockChaos", "blockchaos", List.of(), Set.of(), true));
        register(new ChaosKind("Schedule", "schedules", List.of(), Set.of(), false));
        register(new ChaosKind("Workflow", "workflows", List.of(), Set.of(), false));

        REFUSED.put("PhysicalMachineChaos", "it targets machines outside Kubernetes, where namespace guardrails cannot apply");
        REFUSED.put("PhysicalMachine", "it registers a machine outside Kubernetes; it is not a fault");
        REFUSED.put("RemoteCluster", "it registers another cluster; faults there escape this run's guardrails");
        REFUSED.put("StatusCheck", "it is a health check, not a fault; use it inside a Workflow");
        REFUSED.put("AWSChaos", "it acts on cloud resources outside the cluster, where namespace guardrails cannot apply");
        REFUSED.put("GCPChaos", "it acts on cloud resources outside the cluster, where namespace guardrails cannot apply");
        REFUSED.put("AzureChaos", "it acts on cloud resources outside the cluster, where namespace guardrails cannot apply");
        REFUSED.put("WorkflowNode", "the Workflow controller creates it; apply the Workflow instead");
        REFUSED.put("PodNetworkChaos", "the NetworkChaos controller creates it; apply a NetworkChaos instead");
        REFUSED.put("PodHttpChaos", "the HTTPChaos controller creates it; apply an HTTPChaos instead");
        REFUSED.put("PodIOChaos", "the IOChaos controller creates it; apply an IOChaos instead");
    }

    private ChaosKinds() {
    }

    private static void register(ChaosKind kind) {
        KNOWN.put(kind.kind(), kind);
    }

    public static Optional<ChaosKind> known(String kind) {
        return Optional.ofNullable(KNOWN.get(kind));
    }

    /** Every kind the engine knows by name, for sweeps and for the playground's CRDs. */
    public static List<ChaosKind> all() {
        return List.copyOf(KNOWN.values());
    }

    /** Kinds that can be written inline in an experiment (not only applied from a manifest). */
    public static List<String> inlineKinds() {
        return KNOWN.values().stream().filter(ChaosKind::inline).map(ChaosKind::kind).toList();
    }

    /** Why a kind is refused, if it is. */
    public static Optional<String> refusal(String kind) {
        return Optional.ofNullable(REFUSED.get(kind));
    }

    public static List<String> refusedKinds() {
        return List.copyOf(REFUSED.keySet());
    }

    /** The plural Chaos Mesh uses: its kinds are uncountable ("networkchaos") except Schedule and Workflow. */
    public static String pluralOf(String kind) {
        return known(kind).map(ChaosKind::plural).orElseGet(() -> {
            String lower = kind.toLowerCase(Locale.ROOT);
            return lower.endsWith("chaos") ? lower : lower + "s";
        });
    }
}
