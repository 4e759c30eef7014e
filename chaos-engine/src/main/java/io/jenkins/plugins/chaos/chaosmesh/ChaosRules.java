package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.DidYouMean;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chaos Mesh's admission checks, offline: what its webhooks and the API server refuse is refused here before anything
 * is applied, for a resource read from a manifest and for the resource an inline fault becomes alike. The resource
 * level (apiVersion, kind, names) is checked here; each kind's spec by its own {@link KindRules}.
 */
public final class ChaosRules {

    private static final Map<String, KindRules> RULES = new LinkedHashMap<>();

    static {
        for (KindRules rules : List.of(new NetworkChaosRules(), new PodChaosRules(), new HttpChaosRules(),
                new StressChaosRules(), new IoChaosRules(), new DnsChaosRules(), new TimeChaosRules(),
                new JvmChaosRules(), new KernelChaosRules(), new BlockChaosRules(), new ScheduleRules(),
                new WorkflowRules())) {
            RULES.put(rules.kind(), rules);
        }
    }

    private ChaosRules() {
    }

    /** Every kind with rules: the kinds this engine applies. */
    public static List<String> kinds() {
        return List.copyOf(RULES.keySet());
    }

    /** Kinds a Schedule can create (its {@code type}): the chaos kinds and Workflow. */
    static List<String> embeddableTypes() {
        return RULES.keySet().stream().filter(kind -> !"Schedule".equals(kind)).toList();
    }

    /** The key a Schedule or Workflow template carries a kind's spec under: {@code networkChaos}, {@code workflow}. */
    static String bodyKey(String kind) {
        if (kind.endsWith("Chaos")) {
            return kind.substring(0, kind.length() - "Chaos".length()).toLowerCase(Locale.ROOT) + "Chaos";
        }
        return kind.substring(0, 1).toLowerCase(Locale.ROOT) + kind.substring(1);
    }

    static boolean oneShot(String kind, String action) {
        KindRules rules = RULES.get(kind);
        return rules != null && rules.oneShot(action);
    }

    /**
     * A whole resource as read from a manifest (or built for an inline fault): apiVersion, kind, metadata and the
     * kind's spec. Problems go to {@code errors} under {@code where} ({@code where.spec.mode}, ...).
     */
    public static void checkResource(Map<?, ?> resource, String where, List<ValidationError> errors) {
        SpecProblems problems = new SpecProblems(errors);
        Object apiVersion = resource.get("apiVersion");
        String version = apiVersion == null ? "" : String.valueOf(apiVersion);
        if (!version.startsWith(ChaosKind.GROUP + "/")) {
            problems.error(where + ".apiVersion", (version.isEmpty() ? "is missing" : "'" + version
                    + "' is not a Chaos Mesh resource") + "; only " + ChaosKind.API_VERSION + " kinds are applied");
        } else if (!ChaosKind.API_VERSION.equals(version)) {
            problems.error(where + ".apiVersion", "unknown version '" + version + "'; Chaos Mesh 2.8 serves "
                    + ChaosKind.API_VERSION + " only");
        }
        String kind = kind(resource.get("kind"), where + ".kind", problems);
        Map<?, ?> metadata = resource.get("metadata") instanceof Map<?, ?> m ? m : null;
        if (metadata == null) {
            problems.error(where + ".metadata.name", "is missing");
        } else {
            KubernetesNames.checkObjectName(metadata.get("name"), where + ".metadata.name", problems);
            if (metadata.get("namespace") != null) {
                KubernetesNames.checkNamespace(metadata.get("namespace"), where + ".metadata.namespace", problems);
            }
        }
        Object spec = resource.get("spec");
        if (!(spec instanceof Map<?, ?> specMap)) {
            problems.error(where + ".spec", spec == null ? "is missing" : "must be a map, not " + SpecProblems.describe(spec));
            return;
        }
        if (specMap.containsKey("remoteCluster")) {
            problems.error(where + ".spec.remoteCluster",
                    "faults in remote clusters are not supported: this run's guardrails only see its own cluster");
        }
        if (kind != null) {
            checkSpec(kind, specMap, where + ".spec", SpecPlace.RESOURCE, problems);
        }
    }

    /** The spec of {@code kind} found at {@code path}; a kind without rules is reported as unknown. */
    public static void checkSpec(String kind, Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        KindRules rules = RULES.get(kind);
        if (rules == null) {
            problems.error(path, "no rules for kind " + kind);
            return;
        }
        rules.check(spec, path, place, problems);
    }

    /** The kind if this engine applies it; otherwise an error that says why not, or what was probably meant. */
    private static String kind(Object value, String path, SpecProblems problems) {
        if (value == null || String.valueOf(value).isEmpty()) {
            problems.error(path, "is missing");
            return null;
        }
        String kind = String.valueOf(value);
        Optional<String> refusal = ChaosKinds.refusal(kind);
        if (refusal.isPresent()) {
            problems.error(path, "kind " + kind + " is not supported: " + refusal.get());
            return null;
        }
        if (RULES.containsKey(kind)) {
            return kind;
        }
        List<String> all = new ArrayList<>(RULES.keySet());
        all.addAll(ChaosKinds.refusedKinds());
        String sameLetters = all.stream().filter(k -> k.equalsIgnoreCase(kind)).findFirst().orElse(null);
        String hint = sameLetters != null ? " (kinds are case-sensitive: did you mean '" + sameLetters + "'?)"
                : DidYouMean.hint(kind, all);
        problems.error(path, "unknown Chaos Mesh kind '" + kind + "'" + hint + "; applied kinds: "
                + String.join(", ", RULES.keySet()));
        return null;
    }
}
