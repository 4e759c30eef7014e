package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays metrics-server: every {@link #PERIOD_MILLIS} writes a {@code metrics.k8s.io/v1beta1} PodMetrics for each pod
 * of the playground with its {@link PodUsage}, so that {@code kubectl top pods} and fabric8's {@code top()} read it.
 * Pods without a container limit get no cap, as the kernel would give them none.
 */
public final class PodMetricsPublisher implements AutoCloseable {

    public static final long PERIOD_MILLIS = 500;

    private final KubernetesClient client;
    private final PodUsage usage;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.sameName("playground-metrics-server"));

    public PodMetricsPublisher(KubernetesClient client, PodUsage usage) {
        this.client = client;
        this.usage = usage;
        executor.scheduleWithFixedDelay(this::publishQuietly, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (KubernetesClientException | IllegalStateException e) {
            // the next round retries, as metrics-server's next scrape would
        }
    }

    void publish() {
        String now = Instant.now().toString();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            String namespace = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            PodMetricsBuilder metrics = new PodMetricsBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                    .endMetadata().withTimestamp(now);
            for (Container container : pod.getSpec().getContainers()) {
                BigDecimal cpu = usage.cpu(namespace, name, limit(container, "cpu"));
                BigDecimal memory = usage.memory(namespace, name, limit(container, "memory"));
                metrics.addToContainers(new ContainerMetricsBuilder().withName(container.getName())
                        .addToUsage("cpu", new Quantity(cpu.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.HALF_UP) + "m"))
                        .addToUsage("memory", new Quantity(memory.divide(BigDecimal.valueOf(1024), 0, RoundingMode.HALF_UP) + "Ki"))
                        .build());
            }
            PodMetrics built = metrics.build();
            client.resource(built).inNamespace(namespace).createOr(existing -> existing.update());
        }
    }

    private static BigDecimal limit(Container container, String resource) {
        if (container.getResources() == null || container.getResources().getLimits() == null
                || container.getResources().getLimits().get(resource) == null) {
            return null;
        }
        return Quantity.getAmountInBytes(container.getResources().getLimits().get(resource));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
