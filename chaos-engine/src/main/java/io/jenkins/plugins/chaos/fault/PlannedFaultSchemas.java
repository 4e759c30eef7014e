package io.jenkins.plugins.chaos.fault;

import io.jenkins.plugins.chaos.chaosmesh.CrdSchemaValidator;
import io.jenkins.plugins.chaos.chaosmesh.CrdSource;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.plan.FaultPlanner;
import io.jenkins.plugins.chaos.plan.PlannedFault;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts every planned resource through {@link CrdSchemaValidator} against the CRD a {@link CrdSource} has for its kind.
 * A kind without a CRD there is passed over: the check is only as good as the CRDs it is given.
 */
public final class PlannedFaultSchemas {

    private PlannedFaultSchemas() {
    }

    /** Every schema problem of every planned resource, named by the field the user wrote. */
    public static List<ValidationError> check(List<PlannedFault> planned, CrdSource crds) {
        List<ValidationError> errors = new ArrayList<>();
        for (PlannedFault fault : planned) {
            String apiVersion = fault.resource().getApiVersion();
            if (apiVersion == null || apiVersion.indexOf('/') < 0) {
                continue;
            }
            String group = apiVersion.substring(0, apiVersion.indexOf('/'));
            crds.find(group, fault.kind()).ifPresent(crd -> {
                for (ValidationError error : CrdSchemaValidator.validate(crd, fault.resource(), fault.origin())) {
                    errors.add(FaultPlanner.asWritten(fault.origin(), error));
                }
            });
        }
        return errors;
    }

    /** The kinds among the planned resources that {@code crds} has no CRD for, so a caller can say what went unchecked. */
    public static List<String> uncheckedKinds(List<PlannedFault> planned, CrdSource crds) {
        List<String> unchecked = new ArrayList<>();
        for (PlannedFault fault : planned) {
            String apiVersion = fault.resource().getApiVersion();
            String group = apiVersion == null || apiVersion.indexOf('/') < 0 ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
            if (crds.find(group, fault.kind()).isEmpty() && !unchecked.contains(fault.kind())) {
                unchecked.add(fault.kind());
            }
        }
        return unchecked;
    }
}
