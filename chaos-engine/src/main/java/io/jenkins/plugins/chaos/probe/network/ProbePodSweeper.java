package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds probe pods by label and deletes them: before a run, those earlier runs left behind (a killed agent); after a
 * run, any of its own that a worker could not delete.
 */
final class ProbePodSweeper {

    private final KubernetesClient client;
    private final Consumer<String> warn;

    ProbePodSweeper(KubernetesClient client, Consumer<String> warn) {
        this.client = client;
        this.warn = warn;
    }

    /**
     * Deletes probe pods older than the pod timeout. Younger ones may belong to a run still going on (two Jenkins
     * builds probing one cluster): deleting them would turn that run's checks into errors, and their
     * activeDeadlineSeconds ends them anyway, so the next run sweeps them.
     *
     * @return how many were deleted
     */
    int deleteLeftovers(List<String> namespaces, Duration podTimeout) {
        int deleted = 0;
        int young = 0;
        Instant cutoff = Instant.now().minus(podTimeout);
        for (String namespace : namespaces) {
            try {
                for (Pod pod : probePods(namespace).list().getItems()) {
                    if (olderThan(pod, cutoff)) {
                        deleted += delete(pod) ? 1 : 0;
                    } else {
                        young++;
                    }
                }
            } catch (KubernetesClientException e) {
                warn.accept(DynamicConnectivityProbe.PROBE + ": could not look for leftover probe pods in " + namespace
                        + ": HTTP " + e.getCode());
            }
        }
        if (young > 0) {
            warn.accept(DynamicConnectivityProbe.PROBE + ": " + young + " probe pod(s) younger than the pod timeout"
                    + " belong to another run that may still be going on; left alone");
        }
        return deleted;
    }

    /** @return how many of the run's pods were still there */
    int deleteRun(List<String> namespaces, String runId) {
        int deleted = 0;
        for (String namespace : namespaces) {
            try {
                for (Pod pod : probePods(namespace).withLabel(ChaosLabels.RUN_ID, runId).list().getItems()) {
                    deleted += delete(pod) ? 1 : 0;
                }
            } catch (KubernetesClientException e) {
                warn.accept(DynamicConnectivityProbe.PROBE + ": could not check that the probe pods of run " + runId
                        + " are gone in " + namespace + " (HTTP " + e.getCode() + "); delete them with: kubectl delete pod -n "
                        + namespace + " -l " + ChaosLabels.RUN_ID + "=" + runId);
            }
        }
        if (deleted > 0) {
            warn.accept(DynamicConnectivityProbe.PROBE + ": deleted " + deleted + " probe pod(s) of run " + runId
                    + " that were still there after the run");
        }
        return deleted;
    }

    private io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<Pod, io.fabric8.kubernetes.api.model.PodList,
            io.fabric8.kubernetes.client.dsl.PodResource> probePods(String namespace) {
        return client.pods().inNamespace(namespace)
                .withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE)
                .withLabel(ProbePods.PROBE_LABEL, ProbePods.PROBE_VALUE);
    }

    private boolean delete(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            return !client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete().isEmpty();
        } catch (KubernetesClientException e) {
            warn.accept(DynamicConnectivityProbe.PROBE + ": could not delete probe pod " + namespace + "/" + name
                    + " (HTTP " + e.getCode() + "); delete it with: kubectl delete pod -n " + namespace + " " + name);
            return false;
        }
    }

    private static boolean olderThan(Pod pod, Instant cutoff) {
        String created = pod.getMetadata().getCreationTimestamp();
        if (created == null) {
            return true;
        }
        try {
            return Instant.parse(created).isBefore(cutoff);
        } catch (DateTimeParseException e) {
            return true;
        }
    }
}
