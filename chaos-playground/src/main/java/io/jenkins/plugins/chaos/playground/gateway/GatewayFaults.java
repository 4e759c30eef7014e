package io.jenkins.plugins.chaos.playground.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The faults currently applied to the playground: the hook the Chaos Mesh simulator drives. Thread-safe; every
 * effect is real. A provider that is down stops its HTTP server, HTTP chaos acts inside the provider's handler,
 * and a partition makes the gateway's outbound connection to a partitioned namespace time out.
 */
public final class GatewayFaults {

    /** A provider's HTTPChaos state: abort every call, or answer each call only after a delay. */
    public record HttpChaos(boolean abort, Duration delay) {
        public static final HttpChaos NONE = new HttpChaos(false, Duration.ZERO);
    }

    private final Set<String> providers;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, HttpChaos> httpChaos = new ConcurrentHashMap<>();
    private final Set<List<String>> partitions = ConcurrentHashMap.newKeySet();
    private final List<BiConsumer<String, Boolean>> availabilityListeners = new CopyOnWriteArrayList<>();

    public GatewayFaults(Set<String> providers) {
        this.providers = Set.copyOf(providers);
    }

    /** As if every pod of the provider was killed: its server stops answering until {@link #providerUp}. */
    public void providerDown(String provider) {
        if (down.add(known(provider))) {
            availabilityListeners.forEach(l -> l.accept(provider, false));
        }
    }

    public void providerUp(String provider) {
        if (down.remove(known(provider))) {
            availabilityListeners.forEach(l -> l.accept(provider, true));
        }
    }

    public boolean isDown(String provider) {
        return down.contains(known(provider));
    }

    /** HTTPChaos abort: the provider drops every call's connection without an answer. */
    public void abortCalls(String provider) {
        httpChaos.put(known(provider), new HttpChaos(true, Duration.ZERO));
    }

    /** HTTPChaos delay: the provider answers every call only after {@code delay}. */
    public void delayCalls(String provider, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " must be zero or positive");
        }
        httpChaos.put(known(provider), new HttpChaos(false, delay));
    }

    public void clearHttpChaos(String provider) {
        httpChaos.remove(known(provider));
    }

    public HttpChaos httpChaos(String provider) {
        return httpChaos.getOrDefault(known(provider), HttpChaos.NONE);
    }

    /** Traffic from {@code fromNamespace} to {@code toNamespace} is dropped (one direction; call twice for both). */
    public void partition(String fromNamespace, String toNamespace) {
        partitions.add(pair(fromNamespace, toNamespace));
    }

    public void heal(String fromNamespace, String toNamespace) {
        partitions.remove(pair(fromNamespace, toNamespace));
    }

    public boolean partitioned(String fromNamespace, String toNamespace) {
        return partitions.contains(pair(fromNamespace, toNamespace));
    }

    /** The recorded (from, to) pairs. */
    public Set<List<String>> partitions() {
        return Set.copyOf(partitions);
    }

    /** Removes every fault: what Chaos Mesh's recovery of all experiments amounts to. */
    public void clear() {
        httpChaos.clear();
        partitions.clear();
        for (String provider : List.copyOf(down)) {
            providerUp(provider);
        }
    }

    public Set<String> providers() {
        return providers;
    }

    /** Called with (provider, available) whenever a provider goes down or comes back. */
    void onAvailabilityChange(BiConsumer<String, Boolean> listener) {
        availabilityListeners.add(listener);
    }

    private String known(String provider) {
        if (provider == null || !providers.contains(provider)) {
            throw new IllegalArgumentException("provider: '" + provider + "' is unknown; use one of "
                    + providers.stream().sorted().toList());
        }
        return provider;
    }

    private static List<String> pair(String from, String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("partition: both namespaces are required (from='" + from + "', to='" + to + "')");
        }
        return List.of(from, to);
    }

    @Override
    public String toString() {
        return "GatewayFaults[down=" + down + ", httpChaos=" + httpChaos + ", partitions=" + partitions + "]";
    }
}
