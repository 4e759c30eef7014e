package io.jenkins.plugins.chaos.chaosmesh;

import java.util.Locale;
import java.util.Map;

/**
 * Where a Schedule or a Workflow template keeps the chaos it spawns: Chaos Mesh's {@code EmbedChaos} names each
 * kind's field after the kind, lower camel case ({@code NetworkChaos} in {@code networkChaos}, {@code HTTPChaos} in
 * {@code httpChaos}, a Schedule's Workflow in {@code workflow}).
 */
public final class EmbeddedChaos {

    private static final String CHAOS = "Chaos";

    private EmbeddedChaos() {
    }

    /** The field that holds a body of this type, e.g. {@code networkChaos} for {@code NetworkChaos}. */
    public static String key(String type) {
        if (type == null || type.isEmpty()) {
            return "";
        }
        if (type.endsWith(CHAOS) && type.length() > CHAOS.length()) {
            return type.substring(0, type.length() - CHAOS.length()).toLowerCase(Locale.ROOT) + CHAOS;
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1);
    }

    /** The body of this type inside a Schedule spec or a Workflow template; null when absent or not a map. */
    public static Map<String, Object> body(Map<String, Object> holder, String type) {
        return SpecMaps.asMap(holder.get(key(type)));
    }
}
