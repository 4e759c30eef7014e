package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.InvalidExperimentException;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.List;

/** A validated plan, or every problem that stood in its way. */
public record PlanResult(ExperimentPlan plan, List<ValidationError> errors) {

    public PlanResult {
        errors = List.copyOf(errors);
    }

    static PlanResult of(ExperimentPlan plan) {
        return new PlanResult(plan, List.of());
    }

    static PlanResult invalid(List<ValidationError> errors) {
        return new PlanResult(null, errors);
    }

    public boolean ok() {
        return plan != null;
    }

    /** The plan; {@link InvalidExperimentException} with every problem when there is none. */
    public ExperimentPlan orThrow() {
        if (plan == null) {
            throw new InvalidExperimentException(errors);
        }
        return plan;
    }
}
