package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One fault of an experiment: either an inline Chaos Mesh fault ({@code kind}, {@code action}, {@code selector}, ...)
 * or {@code manifest}, a file of Chaos Mesh resources applied unchanged.
 *
 * <p>Kind-specific keys ({@code direction}, {@code target}, {@code delay}, {@code stressors}, ...) keep Chaos Mesh's own
 * names and shapes, so that an SRE can paste a spec from the Chaos Mesh documentation; they live in
 * {@link #getParameters()} and are checked per kind by {@link ExperimentValidator}.
 */
public class FaultSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String kind;
    private String action;
    private String duration;
    private String mode;
    private String value;
    private String namespace;
    private Map<String, Object> selector;
    private String manifest;
    private Map<String, Object> parameters = new LinkedHashMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    /** Namespace the chaos resource itself is created in; defaults to the first selector namespace. */
    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public Map<String, Object> getSelector() {
        return selector;
    }

    public void setSelector(Map<String, Object> selector) {
        this.selector = selector;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public Map<String, Object> getParameters() {
        return parameters;
    }

    public void setParameters(Map<String, Object> parameters) {
        this.parameters = parameters == null ? new LinkedHashMap<>() : new LinkedHashMap<>(parameters);
    }

    public boolean isManifest() {
        return manifest != null;
    }

    /** A name for logs even when the experiment gave none. */
    public String displayName(int index) {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (manifest != null) {
            return "manifest " + manifest;
        }
        return "fault-" + index + (kind == null ? "" : "-" + kind.toLowerCase(Locale.ROOT))
                + (action == null ? "" : "-" + action);
    }

    /** The keys an inline fault may carry besides the kind-specific parameters. */
    public static final List<String> COMMON_KEYS =
            List.of("name", "kind", "action", "duration", "mode", "value", "namespace", "selector", "manifest");
}
