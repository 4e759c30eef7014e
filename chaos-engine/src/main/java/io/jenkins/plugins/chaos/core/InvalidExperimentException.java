package io.jenkins.plugins.chaos.core;

import java.util.List;

/** Thrown when something that must be validated before it touches a cluster is not valid. Maps to exit code 2. */
public class InvalidExperimentException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<ValidationError> errors;

    public InvalidExperimentException(List<ValidationError> errors) {
        super(summarize(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    private static String summarize(List<ValidationError> errors) {
        StringBuilder out = new StringBuilder(errors.size() + " problem(s) in the experiment:");
        for (ValidationError error : errors) {
            out.append("\n  - ").append(error);
        }
        return out.toString();
    }
}
