package io.jenkins.plugins.chaos.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an experiment's group on the Pushgateway holds before this run pushes: the run totals its counters have
 * reached, and the gauges that carry over (MTTD, MTTR). A CLI run starts in a fresh JVM, so without this every push
 * would restart its counters from the run's own counts and {@code rate()}/{@code increase()} would see nothing move.
 */
final class PushedTotals {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A Pushgateway's whole exposition, bounded: ours is a few kilobytes per experiment. */
    private static final int MAX_BYTES = 16 * 1024 * 1024;

    private final Map<String, List<Exposition.Sample>> byName;

    private PushedTotals(Map<String, List<Exposition.Sample>> byName) {
        this.byName = byName;
    }

    static PushedTotals none() {
        return new PushedTotals(Map.of());
    }

    /** The samples of one group, its grouping labels removed, keeping only the families in {@code names}. */
    static PushedTotals of(String exposition, Map<String, String> group, Set<String> names) {
        Map<String, List<Exposition.Sample>> found = new LinkedHashMap<>();
        for (Exposition.Sample sample : Exposition.parse(exposition)) {
            if (!names.contains(sample.name()) || !inGroup(sample, group)) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(sample.labels());
            group.keySet().stream().filter(k -> !ChaosMetrics.EXPERIMENT.equals(k)).forEach(labels::remove);
            labels.remove("instance");
            found.computeIfAbsent(sample.name(), n -> new ArrayList<>())
                    .add(new Exposition.Sample(sample.name(), labels, sample.value()));
        }
        return new PushedTotals(found);
    }

    /** Reads the group from {@code GET /metrics} of the Pushgateway. */
    static PushedTotals read(URI pushgateway, Map<String, String> group, Set<String> names) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest request = HttpRequest.newBuilder(pushgateway.resolve("/metrics")).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("the Pushgateway answered HTTP " + response.statusCode() + " to GET /metrics");
            }
            byte[] body = response.body();
            if (body.length > MAX_BYTES) {
                throw new IOException("the Pushgateway's /metrics is larger than " + MAX_BYTES + " bytes");
            }
            return of(new String(body, StandardCharsets.UTF_8), group, names);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the Pushgateway", e);
        }
    }

    List<Exposition.Sample> samples(String name) {
        return byName.getOrDefault(name, List.of());
    }

    private static boolean inGroup(Exposition.Sample sample, Map<String, String> group) {
        for (Map.Entry<String, String> label : group.entrySet()) {
            if (!label.getValue().equals(sample.labels().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
