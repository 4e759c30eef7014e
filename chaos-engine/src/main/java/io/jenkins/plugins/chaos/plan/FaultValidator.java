package io.jenkins.plugins.chaos.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosRules;
import io.jenkins.plugins.chaos.chaosmesh.ChaosSpecFactory;
import io.jenkins.plugins.chaos.chaosmesh.KubernetesNames;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.chaosmesh.SpecPlace;
import io.jenkins.plugins.chaos.chaosmesh.SpecProblems;
import io.jenkins.plugins.chaos.core.DidYouMean;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one inline fault: the keys an experiment may use for its kind and action, and then, on the resource the fault
 * becomes ({@link ChaosSpecFactory}), Chaos Mesh's own rules for the kind ({@link ChaosRules}), the same rules a
 * manifest of that kind passes. Errors name the keys the user wrote ({@code faults[0].delay.latency}).
 */
final class FaultValidator {

    private final List<ValidationError> errors;

    FaultValidator(List<ValidationError> errors) {
        this.errors = errors;
    }

    void validate(FaultSpec fault, String path) {
        if (fault.isManifest()) {
            validateManifestFault(fault, path);
            return;
        }
        if (fault.getKind() == null) {
            error(path + ".kind", "is required; allowed: " + String.join(", ", ChaosKinds.inlineKinds())
                    + " (or 'manifest: file.yaml' for any other Chaos Mesh kind)");
            return;
        }
        Optional<ChaosKind> kind = ChaosKinds.known(fault.getKind()).filter(ChaosKind::inline);
        if (kind.isEmpty()) {
            rejectKind(fault.getKind(), path);
            return;
        }
        int before = errors.size();
        validateAction(kind.get(), fault, path);
        if (fault.getNamespace() != null) {
            validateNamespaceName(fault.getNamespace(), path + ".namespace");
        }
        validateParameterKeys(kind.get(), fault, path);
        if ("IOChaos".equals(kind.get().kind())) {
            // the inline IOChaos keys (volumePath, methods, attr, mistake, errno), named as the user wrote them
            IoChaosArguments.validate(fault.getParameters(), fault.getAction() == null ? "" : fault.getAction(), path, errors);
        }
        if (errors.size() == before) {
            // The keys are the experiment's; what they mean is Chaos Mesh's, checked on the resource they build.
            GenericKubernetesResource resource = ChaosSpecFactory.build(fault, "validate", fault.getNamespace());
            List<ValidationError> found = new ArrayList<>();
            ChaosRules.checkSpec(kind.get().kind(), SpecMaps.spec(resource), path + ".spec", SpecPlace.RESOURCE,
                    new SpecProblems(found));
            for (ValidationError error : found) {
                errors.add(FaultPlanner.asWritten(path, error));
            }
        }
    }

    private void validateManifestFault(FaultSpec fault, String path) {
        if (fault.getKind() != null || fault.getAction() != null || fault.getSelector() != null
                || fault.getMode() != null || fault.getDuration() != null || !fault.getParameters().isEmpty()) {
            error(path, "a fault with 'manifest' takes only 'name' besides it: the file is applied unchanged");
        }
        if (fault.getManifest().isBlank()) {
            error(path + ".manifest", "is empty; give the path of a Chaos Mesh YAML file");
        }
    }

    private void rejectKind(String kind, String path) {
        Optional<String> refusal = ChaosKinds.refusal(kind);
        if (refusal.isPresent()) {
            error(path + ".kind", "kind " + kind + " is not supported: " + refusal.get());
        } else if (ChaosKinds.known(kind).isPresent()) {
            error(path + ".kind", kind + " is applied from a manifest only ('manifest: file.yaml'); inline kinds: "
                    + String.join(", ", ChaosKinds.inlineKinds()));
        } else {
            error(path + ".kind", "unknown kind '" + kind + "'" + DidYouMean.hint(kind, ChaosKinds.inlineKinds())
                    + "; allowed: " + String.join(", ", ChaosKinds.inlineKinds()));
        }
    }

    private void validateAction(ChaosKind kind, FaultSpec fault, String path) {
        if (kind.inlineActions().isEmpty()) {
            if (fault.getAction() != null) {
                error(path + ".action", kind.kind() + " takes no action; remove it");
            }
            return;
        }
        if (fault.getAction() == null) {
            error(path + ".action", "is required for " + kind.kind() + "; allowed: "
                    + String.join(", ", kind.inlineActions()));
        } else if (!kind.inlineActions().contains(fault.getAction())) {
            error(path + ".action", "unknown " + kind.kind() + " action '" + fault.getAction() + "'; allowed: "
                    + String.join(", ", kind.inlineActions()));
        }
    }

    void validateNamespaceName(String namespace, String path) {
        if (!KubernetesNames.isLabel(namespace)) {
            error(path, "'" + namespace + "' is not a valid namespace name (lower-case letters, digits and '-')");
        }
    }

    private void validateParameterKeys(ChaosKind kind, FaultSpec fault, String path) {
        Set<String> allowed = kind.parameterKeys();
        for (String key : fault.getParameters().keySet()) {
            if (!allowed.contains(key)) {
                error(path + "." + key, "unknown key for " + kind.kind() + "; allowed: "
                        + String.join(", ", FaultSpec.COMMON_KEYS) + ", " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }
}
