package io.jenkins.plugins.chaos.probe.resources;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.plan.ResourceUsageConfig;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The runbook's resource-exhaustion warning while faults are active: samples metrics-server's PodMetrics
 * ({@code metrics.k8s.io/v1beta1}, through fabric8's {@code top()}) for the namespaces, compares each container's
 * CPU and memory with its limit (its request when it has none), and gives a WARNING naming the pod, the container,
 * the resource and the peak when usage stayed above the threshold for longer than the window.
 */
public final class ResourceUsageProbe {

    public static final String PROBE = ProbeIds.RESOURCE_USAGE;

    /** One container's resource as sampled: the bound it is judged against, and how long it has been above. */
    private static final class Series {
        final String bound;
        final double capacity;
        double peak;
        Instant aboveSince;
        Duration longestAbove = Duration.ZERO;
        int samples;

        Series(String bound, double capacity) {
            this.bound = bound;
            this.capacity = capacity;
        }
    }

    private final KubernetesClient client;
    private final ResourceUsageConfig config;
    private final RunListener listener;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Instant startedAt;
    private int rounds;

    public ResourceUsageProbe(KubernetesClient client, ResourceUsageConfig config, RunListener listener) {
        this.client = client;
        this.config = config;
        this.listener = listener;
    }

    /** Starts sampling on a daemon thread; {@link #finish()} stops it and judges. */
    public void start() {
        startedAt = Instant.now();
        listener.info(PROBE + ": sampling PodMetrics of " + config.namespaces() + " every "
                + config.interval().toMillis() + " ms; warning above " + percent(config.threshold())
                + " of the limit for longer than " + config.window().toSeconds() + " s");
        DaemonThreads.start("resource-usage", () -> {
            try {
                do {
                    sample();
                } while (!stop.await(config.interval().toMillis(), TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        });
    }

    public List<CheckResult> finish() throws InterruptedException {
        stop.countDown();
        stopped.await(config.interval().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        sample();
        synchronized (this) {
            return judge();
        }
    }

    private void sample() {
        Instant now = Instant.now();
        for (String namespace : config.namespaces()) {
            List<PodMetrics> metrics;
            Map<String, Pod> pods = new LinkedHashMap<>();
            try {
                metrics = client.top().pods().metrics(namespace).getItems();
                client.pods().inNamespace(namespace).list().getItems().forEach(p -> pods.put(p.getMetadata().getName(), p));
            } catch (KubernetesClientException e) {
                synchronized (this) {
                    String problem = namespace + ": PodMetrics could not be read (HTTP " + e.getCode()
                            + "); is metrics-server installed?";
                    if (!problems.contains(problem)) {
                        problems.add(problem);
                    }
                }
                continue;
            }
            synchronized (this) {
                rounds++;
                for (PodMetrics podMetrics : metrics) {
                    Pod pod = pods.get(podMetrics.getMetadata().getName());
                    if (pod == null || podMetrics.getContainers() == null) {
                        continue;
                    }
                    for (ContainerMetrics container : podMetrics.getContainers()) {
                        for (String resource : List.of("cpu", "memory")) {
                            record(namespace, pod, container, resource, now);
                        }
                    }
                }
            }
        }
    }

    private void record(String namespace, Pod pod, ContainerMetrics metrics, String resource, Instant now) {
        Quantity usage = metrics.getUsage() == null ? null : metrics.getUsage().get(resource);
        Container spec = pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(metrics.getName()))
                .findFirst().orElse(null);
        if (usage == null || spec == null || spec.getResources() == null) {
            return;
        }
        Quantity limit = spec.getResources().getLimits() == null ? null : spec.getResources().getLimits().get(resource);
        Quantity request = spec.getResources().getRequests() == null ? null : spec.getResources().getRequests().get(resource);
        Quantity bound = limit != null ? limit : request;
        if (bound == null || amount(bound) <= 0) {
            return;
        }
        String key = namespace + "/" + pod.getMetadata().getName() + " container " + metrics.getName() + " " + resource;
        Series s = series.computeIfAbsent(key, k -> new Series((limit != null ? "limit " : "request ") + bound, amount(bound)));
        double ratio = amount(usage) / s.capacity;
        s.samples++;
        s.peak = Math.max(s.peak, ratio);
        if (ratio > config.threshold()) {
            if (s.aboveSince == null) {
                s.aboveSince = now;
            }
            Duration above = Duration.between(s.aboveSince, now);
            if (above.compareTo(s.longestAbove) > 0) {
                s.longestAbove = above;
            }
        } else {
            s.aboveSince = null;
        }
    }

    private List<CheckResult> judge() {
        List<CheckResult> checks = new ArrayList<>();
        long millis = Duration.between(startedAt, Instant.now()).toMillis();
        if (rounds == 0) {
            checks.add(new CheckResult(PROBE, "pod metrics", Verdict.ERROR, "no PodMetrics could be read, so resource "
                    + "usage was not judged", problems, startedAt, millis));
            return checks;
        }
        List<String> evidence = new ArrayList<>();
        series.forEach((key, s) -> evidence.add(key + ": peak " + percent(s.peak) + " of its " + s.bound + " over "
                + s.samples + " samples"));
        evidence.addAll(problems);
        for (Map.Entry<String, Series> entry : series.entrySet()) {
            Series s = entry.getValue();
            if (s.longestAbove.compareTo(config.window()) >= 0 && !config.window().isZero() || config.window().isZero()
                    && s.peak > config.threshold()) {
                checks.add(new CheckResult(PROBE, entry.getKey(), Verdict.WARNING, "WARNING: " + entry.getKey()
                        + " stayed above " + percent(config.threshold()) + " of its " + s.bound + " for "
                        + s.longestAbove.toSeconds() + " s (window " + config.window().toSeconds() + " s); peak "
                        + percent(s.peak), List.of(entry.getKey() + ": peak " + percent(s.peak) + " of its " + s.bound,
                        "above the threshold for " + s.longestAbove.toMillis() + " ms"), startedAt, millis));
            }
        }
        if (checks.isEmpty()) {
            checks.add(new CheckResult(PROBE, "pod metrics", Verdict.PASSED, series.size() + " container resource(s) "
                    + "stayed within " + percent(config.threshold()) + " of their limits over " + rounds + " samples",
                    evidence, startedAt, millis));
        }
        return checks;
    }

    private static double amount(Quantity quantity) {
        BigDecimal value = Quantity.getAmountInBytes(quantity);
        return value.doubleValue();
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
