package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;

/**
 * One external stop condition ({@code stopWhen}), polled while the faults are active; when it trips, recovery starts
 * at once, whatever {@code abortOn} says. Either a Prometheus query ({@code prometheus}, {@code query},
 * {@code above}: trips when any series of the instant query is above the number) or an HTTP health check
 * ({@code http}: trips when the URL does not answer 2xx).
 *
 * @param prometheus Prometheus base URL, e.g. {@code http://prometheus:9090}
 * @param query      PromQL instant query
 * @param above      the threshold
 * @param http       health URL
 * @param every      poll interval, Go duration, 1s..5m (default 5s)
 */
public record StopConditionSpec(String prometheus, String query, Double above, String http, String every)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One line for the console and the abort reason; never the query's result. */
    public String describe() {
        return prometheus != null ? "Prometheus query " + query + " > " + above : "HTTP health check " + http;
    }
}
