package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated CPU and memory use of the playground's pods, what metrics-server would report: a small baseline,
 * raised by a StressChaos on the pod (cpu: workers x load% of a core; memory: the stressor's size), and capped at the
 * container's limit as the cgroup would cap it.
 */
public final class PodUsage {

    public static final BigDecimal BASELINE_CPU_CORES = new BigDecimal("0.05");
    public static final BigDecimal BASELINE_MEMORY_BYTES = BigDecimal.valueOf(48L * 1024 * 1024);

    /** Extra use by "namespace/pod": cores and bytes. */
    private record Stress(BigDecimal cores, BigDecimal bytes) {
    }

    private final Map<String, Stress> stressed = new ConcurrentHashMap<>();

    public void stress(String namespace, String pod, Map<?, ?> stressors) {
        BigDecimal cores = BigDecimal.ZERO;
        BigDecimal bytes = BigDecimal.ZERO;
        if (stressors.get("cpu") instanceof Map<?, ?> cpu) {
            int workers = number(cpu.get("workers"), 1);
            int load = number(cpu.get("load"), 100);
            cores = BigDecimal.valueOf(workers).multiply(BigDecimal.valueOf(load)).divide(BigDecimal.valueOf(100));
        }
        if (stressors.get("memory") instanceof Map<?, ?> memory && memory.get("size") != null) {
            // stress-ng sizes: 256MB means MiB to it; Kubernetes' Quantity reads "256M" as 10^6
            String size = String.valueOf(memory.get("size")).replace("MB", "Mi").replace("GB", "Gi");
            bytes = Quantity.getAmountInBytes(new Quantity(size)).multiply(BigDecimal.valueOf(number(memory.get("workers"), 1)));
        }
        stressed.put(namespace + "/" + pod, new Stress(cores, bytes));
    }

    public void relax(String namespace, String pod) {
        stressed.remove(namespace + "/" + pod);
    }

    /** CPU use in cores, at most {@code limitCores} when it has one. */
    public BigDecimal cpu(String namespace, String pod, BigDecimal limitCores) {
        Stress stress = stressed.get(namespace + "/" + pod);
        BigDecimal use = BASELINE_CPU_CORES.add(stress == null ? BigDecimal.ZERO : stress.cores());
        return limitCores == null ? use : use.min(limitCores);
    }

    public BigDecimal memory(String namespace, String pod, BigDecimal limitBytes) {
        Stress stress = stressed.get(namespace + "/" + pod);
        BigDecimal use = BASELINE_MEMORY_BYTES.add(stress == null ? BigDecimal.ZERO : stress.bytes());
        return limitBytes == null ? use : use.min(limitBytes);
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
