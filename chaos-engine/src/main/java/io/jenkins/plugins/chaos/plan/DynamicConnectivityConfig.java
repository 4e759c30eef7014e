package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.chaos.core.GoDuration;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the dynamic network isolation probe checks; the same keys in YAML and in the Pipeline step. Missing values
 * take the defaults below.
 *
 * @param namespaces     the tenant namespaces, at least two
 * @param services       the services to connect to in every namespace; empty or missing means all services of the
 *                       namespace (ExternalName services excepted: they lead out of the cluster)
 * @param ports          the service ports to try; empty or missing means every TCP port of each service
 * @param image          the probe pod's image; it needs {@code nc} with {@code -z} and {@code -w} (busybox has it)
 * @param connectTimeout how long {@code nc} waits for the connection, Go duration, whole seconds (default 3s)
 * @param podTimeout     how long one probe pod may take from creation to its end (scheduling and image pull
 *                       included) before it counts as an error, Go duration (default 60s)
 * @param concurrency    probe pods alive at once (default 4)
 */
public record DynamicConnectivityConfig(List<String> namespaces, List<String> services, List<Integer> ports,
                                        String image, String connectTimeout, String podTimeout, Integer concurrency)
        implements Serializable {

    public static final String DEFAULT_IMAGE = "busybox:1.36";
    public static final String DEFAULT_CONNECT_TIMEOUT = "3s";
    public static final String DEFAULT_POD_TIMEOUT = "60s";
    public static final int DEFAULT_CONCURRENCY = 4;
    /** Each probe pod is a real pod on a shared cluster; more than this at once is a load test of the scheduler. */
    public static final int MAX_CONCURRENCY = 32;

    /** Namespace and service names are DNS-1123 labels; they end up in a DNS name and in the pod's command line. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Registry, path, tag and digest characters only: the image goes into a pod spec as it is. */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]*");

    public DynamicConnectivityConfig {
        namespaces = namespaces == null ? List.of() : copy(namespaces);
        services = services == null ? List.of() : copy(services);
        ports = ports == null ? List.of() : copy(ports);
        image = image == null || image.isBlank() ? DEFAULT_IMAGE : image.trim();
        connectTimeout = connectTimeout == null || connectTimeout.isBlank() ? DEFAULT_CONNECT_TIMEOUT : connectTimeout.trim();
        podTimeout = podTimeout == null || podTimeout.isBlank() ? DEFAULT_POD_TIMEOUT : podTimeout.trim();
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
    }

    /** The defaults for everything but the namespaces. */
    public static DynamicConnectivityConfig of(List<String> namespaces) {
        return new DynamicConnectivityConfig(namespaces, null, null, null, null, null, null);
    }

    /** Every problem at once, each naming its field and what is allowed; empty when the configuration is usable. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String namespace : namespaces) {
            if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
                errors.add("namespaces: '" + namespace + "' is not a namespace name; use lower-case letters, digits and '-' (at most 63)");
            } else if (!seen.add(namespace)) {
                errors.add("namespaces: '" + namespace + "' is listed twice");
            }
        }
        if (seen.size() < 2) {
            errors.add("namespaces: at least two tenant namespaces are needed to check isolation, got " + namespaces.size());
        }
        Set<String> seenServices = new HashSet<>();
        for (String service : services) {
            if (service == null || !DNS_LABEL.matcher(service).matches()) {
                errors.add("services: '" + service + "' is not a service name; use lower-case letters, digits and '-' (at most 63)");
            } else if (!seenServices.add(service)) {
                errors.add("services: '" + service + "' is listed twice");
            }
        }
        for (Integer port : ports) {
            if (port == null || port < 1 || port > 65535) {
                errors.add("ports: " + port + " is not a port; allowed 1..65535");
            }
        }
        if (!IMAGE.matcher(image).matches()) {
            errors.add("image: '" + image + "' is not an image reference, e.g. busybox:1.36 or registry.example/tools/busybox@sha256:...");
        }
        Duration connect = positive(connectTimeout, "connectTimeout", errors);
        if (connect != null && connect.toMillis() % 1000 != 0) {
            errors.add("connectTimeout: '" + connectTimeout + "' must be whole seconds (nc -w takes seconds), e.g. 3s");
        }
        Duration pod = positive(podTimeout, "podTimeout", errors);
        if (connect != null && pod != null && pod.compareTo(connect.plusSeconds(1)) <= 0) {
            errors.add("podTimeout: '" + podTimeout + "' must be longer than connectTimeout '" + connectTimeout
                    + "' by more than a second, or every denied connection would count as a stuck pod");
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            errors.add("concurrency: " + concurrency + " must be between 1 and " + MAX_CONCURRENCY);
        }
        return errors;
    }

    @JsonIgnore
    public Duration connectTimeoutDuration() {
        return GoDuration.parse(connectTimeout).orElseThrow(() ->
                new IllegalArgumentException("connectTimeout: '" + connectTimeout + "'; " + GoDuration.ALLOWED));
    }

    @JsonIgnore
    public Duration podTimeoutDuration() {
        return GoDuration.parse(podTimeout).orElseThrow(() ->
                new IllegalArgumentException("podTimeout: '" + podTimeout + "'; " + GoDuration.ALLOWED));
    }

    /** True when every service of each namespace is a target. */
    @JsonIgnore
    public boolean allServices() {
        return services.isEmpty();
    }

    private static Duration positive(String value, String field, List<String> errors) {
        Duration duration = GoDuration.parse(value).filter(d -> !d.isZero() && !d.isNegative()).orElse(null);
        if (duration == null) {
            errors.add(field + ": '" + value + "' is not a positive duration; " + GoDuration.ALLOWED);
        }
        return duration;
    }

    /** Like List.copyOf, but keeps null entries so that validate() can name them instead of a bare NPE. */
    private static <T> List<T> copy(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
