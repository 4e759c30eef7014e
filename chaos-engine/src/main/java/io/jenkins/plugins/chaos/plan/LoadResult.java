package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import java.io.Serializable;
import java.util.List;

/** An experiment as read, with every problem found in it; {@code experiment} is null when it could not be read at all. */
public record LoadResult(Experiment experiment, List<ValidationError> errors) implements Serializable {

    public LoadResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return experiment != null && errors.isEmpty();
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
