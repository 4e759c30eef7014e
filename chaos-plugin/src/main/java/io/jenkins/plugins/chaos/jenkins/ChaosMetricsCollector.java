package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import io.prometheus.client.Collector;
import java.util.Collections;
import java.util.List;

/**
 * Exposes the chaos metrics at the prometheus plugin's {@code /prometheus/}. That plugin (847.v8440e5c21e7c,
 * DefaultPrometheusMetrics.registerCollectors) registers every {@code ExtensionList.lookup(Collector.class)} once,
 * shortly after Jenkins has loaded its jobs. Optional: without the prometheus plugin this extension is skipped.
 */
@Extension(optional = true)
public class ChaosMetricsCollector extends Collector {

    @Override
    public List<MetricFamilySamples> collect() {
        return Collections.list(PrometheusMetrics.registry().metricFamilySamples());
    }
}
