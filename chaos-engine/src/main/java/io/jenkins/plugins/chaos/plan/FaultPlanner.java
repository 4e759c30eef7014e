package io.jenkins.plugins.chaos.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosSpecFactory;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an experiment's faults into the resources to apply (inline faults built, manifest files read) and puts every
 * one of them through the {@link Guardrails}. The same plan serves validation and injection, so that what was
 * validated is exactly what is applied.
 */
public final class FaultPlanner {

    private static final Pattern INLINE_ORIGIN = Pattern.compile("faults\\[\\d+]");

    private FaultPlanner() {
    }

    /** The resources of fault {@code index}; call it only for a fault whose own fields are valid. */
    static List<PlannedFault> planFault(Experiment experiment, int index, Duration cap, List<ValidationError> errors) {
        FaultSpec fault = experiment.getFaults().get(index);
        String origin = "faults[" + index + "]";
        List<PlannedFault> planned = new ArrayList<>();
        if (fault.isManifest()) {
            planManifest(experiment, fault, origin, cap, errors, planned);
        } else {
            String namespace = namespaceOf(fault, experiment);
            // the run id is appended by PlannedFault.forRun, so that two runs never fight over one resource
            String name = ChaosSpecFactory.slug(fault.displayName(index));
            GenericKubernetesResource resource = ChaosSpecFactory.build(fault, name, namespace);
            List<ValidationError> found = new ArrayList<>();
            Guardrails.check(resource, origin, cap, found);
            for (ValidationError error : found) {
                errors.add(asWritten(origin, error));
            }
            planned.add(new PlannedFault(fault.displayName(index), origin, resource,
                    GoDuration.parse(fault.getDuration()).orElse(null),
                    ChaosKind.isOneShot(fault.getKind(), fault.getAction())));
        }
        return planned;
    }

    static boolean isInline(String origin) {
        return INLINE_ORIGIN.matcher(origin).matches();
    }

    /**
     * An error about a planned resource, named by the field the user wrote. An inline fault's keys are the spec's
     * keys, so {@code faults[0].spec.selector} becomes {@code faults[0].selector}, which is what exists in their file;
     * a manifest's resource (origin {@code faults[1].manifest(file#1)}) keeps its own paths.
     */
    public static ValidationError asWritten(String origin, ValidationError error) {
        if (!INLINE_ORIGIN.matcher(origin).matches()) {
            return error;
        }
        String spec = origin + ".spec";
        String field = error.field();
        if (field.equals(spec) || field.startsWith(spec + ".") || field.startsWith(spec + "[")) {
            return new ValidationError(origin + field.substring(spec.length()), error.message());
        }
        return error;
    }

    private static void planManifest(Experiment experiment, FaultSpec fault, String origin, Duration cap,
                                     List<ValidationError> errors, List<PlannedFault> planned) {
        Optional<Path> contained = ManifestPaths.resolve(experiment.getBaseDir(), fault.getManifest(), origin + ".manifest",
                errors);
        if (contained.isEmpty()) {
            return;
        }
        Path file = contained.get();
        List<GenericKubernetesResource> resources = ManifestReader.read(file, origin + ".manifest", errors);
        for (int d = 0; d < resources.size(); d++) {
            GenericKubernetesResource resource = resources.get(d);
            if (resource.getMetadata().getNamespace() == null) {
                // As kubectl apply would: a manifest without a namespace lands in the experiment's namespace.
                resource.getMetadata().setNamespace(experiment.getNamespace());
            }
            String where = origin + ".manifest(" + file.getFileName() + "#" + (d + 1) + ")";
            Guardrails.check(resource, where, cap, errors);
            Map<String, Object> spec = SpecMaps.spec(resource);
            Object duration = spec.get("duration");
            Object action = spec.get("action");
            planned.add(new PlannedFault(fault.getName() != null ? fault.getName() : resource.getMetadata().getName(),
                    where, resource, duration == null ? null : GoDuration.parse(String.valueOf(duration)).orElse(null),
                    ChaosKind.isOneShot(resource.getKind(), action == null ? null : String.valueOf(action))));
        }
    }

    private static String namespaceOf(FaultSpec fault, Experiment experiment) {
        if (fault.getNamespace() != null) {
            return fault.getNamespace();
        }
        if (fault.getSelector() != null && fault.getSelector().get("namespaces") instanceof List<?> list && !list.isEmpty()) {
            return String.valueOf(list.get(0));
        }
        return experiment.getNamespace();
    }
}
