package io.jenkins.plugins.chaos.jenkins;

import io.prometheus.client.CollectorRegistry;

/**
 * The registry the plugin's chaos metrics live in (EngineBridge records into it), for the prometheus plugin's {@code /prometheus/}. The only class
 * besides the optional {@link ChaosMetricsCollector} that names a simpleclient type: the prometheus plugin is an
 * optional dependency, and Jenkins adds an optional dependency's class loader to ours only when that plugin is
 * installed (hudson.ClassicPluginStrategy.DependencyClassLoader). Without it this class cannot even be linked, so
 * it is reached only through {@link EngineBridge#prometheusInstalled()}.
 */
final class PrometheusMetrics {

    private static final CollectorRegistry REGISTRY = new CollectorRegistry(true);

    private PrometheusMetrics() {
    }

    static CollectorRegistry registry() {
        return REGISTRY;
    }
}
