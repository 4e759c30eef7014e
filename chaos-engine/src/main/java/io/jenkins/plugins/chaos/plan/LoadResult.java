package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.InvalidExperimentException;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import java.io.Serializable;
import java.util.List;

/**
 * An experiment as read, with every problem found in it and, when there is none, its validated plan; {@code experiment}
 * is null when it could not be read at all.
 */
public record LoadResult(Experiment experiment, List<ValidationError> errors, ExperimentPlan plan) implements Serializable {

    public LoadResult {
        errors = List.copyOf(errors);
        plan = errors.isEmpty() ? plan : null;
    }

    /** Problems only: nothing to plan. */
    public LoadResult(Experiment experiment, List<ValidationError> errors) {
        this(experiment, errors, null);
    }

    public boolean ok() {
        return experiment != null && errors.isEmpty() && plan != null;
    }

    /** The plan; {@link InvalidExperimentException} with every problem when the experiment is not valid. */
    public ExperimentPlan planOrThrow() {
        if (!ok()) {
            throw new InvalidExperimentException(errors);
        }
        return plan;
    }

    /** All problems, one per line, for a console or an exception message. */
    public String describeErrors() {
        StringBuilder out = new StringBuilder();
        for (ValidationError error : errors) {
            out.append("  - ").append(error).append('\n');
        }
        return out.toString();
    }
}
