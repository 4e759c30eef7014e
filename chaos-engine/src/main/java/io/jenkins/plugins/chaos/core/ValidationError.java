package io.jenkins.plugins.chaos.core;

import java.io.Serializable;

/**
 * One problem with an experiment, named by the path of the field that has it ({@code faults[1].duration}) so that
 * the person who wrote the YAML or the Jenkinsfile can find it.
 */
public record ValidationError(String field, String message) implements Serializable {
    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
