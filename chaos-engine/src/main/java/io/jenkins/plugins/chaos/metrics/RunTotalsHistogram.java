package io.jenkins.plugins.chaos.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A histogram by one label whose counts can start from totals read back from a Pushgateway. simpleclient's own
 * {@code Histogram} cannot be seeded, and a histogram that restarts at every CLI run makes
 * {@code rate(..._bucket[1h])} see nothing.
 */
final class RunTotalsHistogram extends Collector {

    private static final class Counts {
        final double[] cumulative;
        double sum;
        double count;

        Counts(int buckets) {
            cumulative = new double[buckets + 1];
        }
    }

    private final String name;
    private final String help;
    private final String label;
    private final double[] bounds;
    private final Map<String, Counts> byLabel = new LinkedHashMap<>();

    RunTotalsHistogram(String name, String help, String label, double[] bounds) {
        this.name = name;
        this.help = help;
        this.label = label;
        this.bounds = bounds.clone();
    }

    RunTotalsHistogram registerTo(CollectorRegistry registry) {
        registry.register(this);
        return this;
    }

    synchronized void touch(String value) {
        byLabel.computeIfAbsent(value, v -> new Counts(bounds.length));
    }

    synchronized void observe(String value, double amount) {
        Counts counts = byLabel.computeIfAbsent(value, v -> new Counts(bounds.length));
        for (int i = 0; i < bounds.length; i++) {
            if (amount <= bounds[i]) {
                counts.cumulative[i]++;
            }
        }
        counts.cumulative[bounds.length]++;
        counts.sum += amount;
        counts.count++;
    }

    /** Adds the totals of an earlier push: {@code _bucket}, {@code _sum} and {@code _count} samples. */
    synchronized void seed(PushedTotals previous) {
        for (Exposition.Sample sample : previous.samples(name + "_bucket")) {
            String value = sample.labels().get(label);
            String le = sample.labels().get("le");
            if (value == null || le == null) {
                continue;
            }
            int index = bucketIndex(le);
            if (index >= 0) {
                byLabel.computeIfAbsent(value, v -> new Counts(bounds.length)).cumulative[index] += sample.value();
            }
        }
        for (Exposition.Sample sample : previous.samples(name + "_sum")) {
            String value = sample.labels().get(label);
            if (value != null) {
                byLabel.computeIfAbsent(value, v -> new Counts(bounds.length)).sum += sample.value();
            }
        }
        for (Exposition.Sample sample : previous.samples(name + "_count")) {
            String value = sample.labels().get(label);
            if (value != null) {
                byLabel.computeIfAbsent(value, v -> new Counts(bounds.length)).count += sample.value();
            }
        }
    }

    /** Index of a bucket bound as the text format writes it; -1 when the bounds changed since that push. */
    private int bucketIndex(String le) {
        if (le.equals("+Inf")) {
            return bounds.length;
        }
        try {
            double bound = Double.parseDouble(le);
            for (int i = 0; i < bounds.length; i++) {
                if (bounds[i] == bound) {
                    return i;
                }
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public synchronized List<MetricFamilySamples> collect() {
        List<MetricFamilySamples.Sample> samples = new ArrayList<>();
        for (Map.Entry<String, Counts> entry : byLabel.entrySet()) {
            Counts counts = entry.getValue();
            for (int i = 0; i <= bounds.length; i++) {
                String le = i == bounds.length ? "+Inf" : doubleToGoString(bounds[i]);
                samples.add(new MetricFamilySamples.Sample(name + "_bucket", List.of(label, "le"),
                        List.of(entry.getKey(), le), counts.cumulative[i]));
            }
            samples.add(new MetricFamilySamples.Sample(name + "_count", List.of(label), List.of(entry.getKey()),
                    counts.count));
            samples.add(new MetricFamilySamples.Sample(name + "_sum", List.of(label), List.of(entry.getKey()),
                    counts.sum));
        }
        return List.of(new MetricFamilySamples(name, Type.HISTOGRAM, help, samples));
    }
}
