package io.jenkins.plugins.chaos.playground.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IOChaos on the tenants' store volumes, as the simulator applies it: per tenant namespace, the one fault in effect.
 * Thread-safe; the store consults it on every read and write.
 */
public final class StoreVolumeFaults {

    /**
     * One IOChaos as it acts on a volume.
     *
     * @param action         latency, fault, attrOverride or mistake
     * @param delay          latency's delay
     * @param errno          fault's error number
     * @param percent        share of matching calls affected, 0..100
     * @param methods        the I/O methods affected (empty: all)
     * @param filling        mistake's filling: zero or random
     * @param maxOccurrences mistake: at most this many corrupted places per call
     * @param maxLength      mistake: at most this many bytes per place
     */
    public record IoFault(String action, Duration delay, int errno, int percent, List<String> methods, String filling,
                          int maxOccurrences, int maxLength) {
        public IoFault {
            methods = methods == null ? List.of() : List.copyOf(methods);
        }

        boolean affects(String method) {
            return methods.isEmpty() || methods.contains(method);
        }
    }

    private final Map<String, IoFault> byNamespace = new ConcurrentHashMap<>();

    public void inject(String namespace, IoFault fault) {
        byNamespace.put(namespace, fault);
    }

    public void clear(String namespace) {
        byNamespace.remove(namespace);
    }

    public IoFault on(String namespace) {
        return byNamespace.get(namespace);
    }
}
