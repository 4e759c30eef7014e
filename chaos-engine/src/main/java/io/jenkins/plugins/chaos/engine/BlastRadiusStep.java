package io.jenkins.plugins.chaos.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.SelectedTargets;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.BlastRadiusSpec;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.plan.BlastRadiusConfig;
import io.jenkins.plugins.chaos.probe.blast.BlastRadiusProbe;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The blast-radius probe inside a run: once the faults are in place, reads which pods the named fault selected from
 * its status (Chaos Mesh's choice under {@code fixed-percent}) and runs the probe with their namespaces as the
 * isolated tenants.
 */
final class BlastRadiusStep {

    private BlastRadiusStep() {
    }

    static List<CheckResult> run(BlastRadiusSpec spec, InjectedFaults injected, KubernetesClient client,
                                 RunListener console, UnaryOperator<String> secrets) throws InterruptedException {
        BlastRadiusConfig config = BlastRadiusConfig.of(spec, secrets);
        Optional<FaultRecord> record = injected.records().stream().filter(r -> r.name().equals(config.fault())).findFirst();
        if (record.isEmpty()) {
            return List.of(error("fault " + config.fault() + " was not injected, so the isolated tenants are unknown"));
        }
        Optional<ChaosResourceRef> ref = injected.resources().stream()
                .filter(r -> r.name().equals(record.get().resource()) && r.namespace().equals(record.get().namespace()))
                .findFirst();
        if (ref.isEmpty()) {
            return List.of(error("fault " + config.fault() + " has no resource to read its selection from"));
        }
        GenericKubernetesResource resource;
        try {
            resource = ChaosResources.of(client, ref.get().apiVersion(), ref.get().kind())
                    .inNamespace(ref.get().namespace()).withName(ref.get().name()).get();
        } catch (KubernetesClientException e) {
            return List.of(error("could not read " + ref.get() + " (HTTP " + e.getCode() + ")"));
        }
        if (resource == null) {
            return List.of(error(ref.get() + " is gone, so its selection cannot be read"));
        }
        List<String> pods = SelectedTargets.pods(resource);
        console.info(ProbeIds.BLAST_RADIUS + ": " + ref.get() + " selected " + pods);
        return new BlastRadiusProbe(config, console).run(pods, SelectedTargets.namespaces(resource));
    }

    private static CheckResult error(String summary) {
        return new CheckResult(ProbeIds.BLAST_RADIUS, "selection", Verdict.ERROR, summary, List.of(), Instant.now(), 0);
    }
}
