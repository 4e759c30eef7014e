package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The short-lived pod that tries one TCP connection: its labels (so that leftovers can be found and swept), its
 * annotations (so that a reader, a human or the playground's simulated kubelet, knows what it tried without parsing
 * the command) and a spec that runs under a restricted Pod Security profile.
 */
public final class ProbePods {

    public static final String PROBE_LABEL = "chaos-engineering/probe";
    public static final String PROBE_VALUE = "connectivity";
    public static final String SOURCE_NAMESPACE = "chaos-engineering/probe-source-namespace";
    public static final String TARGET_NAMESPACE = "chaos-engineering/probe-target-namespace";
    public static final String TARGET_SERVICE = "chaos-engineering/probe-target-service";
    public static final String TARGET_PORT = "chaos-engineering/probe-target-port";
    static final String CONTAINER = "nc";
    /** nobody: busybox's nc needs no privilege, and restricted namespaces refuse root pods. */
    private static final long NON_ROOT_UID = 65534L;

    private ProbePods() {
    }

    /** {@code nc -z -w <seconds> <service>.<namespace>.svc.cluster.local <port>}. */
    public static List<String> command(ProbeTarget target, Duration connectTimeout) {
        long seconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        return List.of("nc", "-z", "-w", Long.toString(seconds), target.dnsName(), Integer.toString(target.port()));
    }

    /**
     * @param podTimeout also the pod's activeDeadlineSeconds, so that the kubelet ends a pod this engine lost
     *                   track of (a killed agent) instead of leaving it running
     */
    public static Pod build(String name, String sourceNamespace, ProbeTarget target, String runId, String image,
                            Duration connectTimeout, Duration podTimeout) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE);
        labels.put(PROBE_LABEL, PROBE_VALUE);
        labels.put(ChaosLabels.RUN_ID, runId);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SOURCE_NAMESPACE, sourceNamespace);
        annotations.put(TARGET_NAMESPACE, target.namespace());
        annotations.put(TARGET_SERVICE, target.service());
        annotations.put(TARGET_PORT, Integer.toString(target.port()));
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(sourceNamespace).withLabels(labels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(Math.max(1, podTimeout.toSeconds()))
                .withTerminationGracePeriodSeconds(0L)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(NON_ROOT_UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer()
                .withName(CONTAINER).withImage(image).withCommand(command(target, connectTimeout))
                // nc's complaint ("bad address ...") becomes the termination message, the only log we read
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("16Mi"))
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("32Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .build();
    }

    /** What a probe pod tries to reach, read back from its annotations; empty when they are incomplete. */
    public static Optional<ProbeTarget> target(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null) {
            return Optional.empty();
        }
        String namespace = annotations.get(TARGET_NAMESPACE);
        String service = annotations.get(TARGET_SERVICE);
        String port = annotations.get(TARGET_PORT);
        if (namespace == null || service == null || port == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProbeTarget(namespace, service, Integer.parseInt(port)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static boolean isProbePod(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && PROBE_VALUE.equals(labels.get(PROBE_LABEL));
    }
}
