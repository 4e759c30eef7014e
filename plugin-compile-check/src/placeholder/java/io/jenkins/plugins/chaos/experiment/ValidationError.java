// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;

public record ValidationError(String field, String message) implements Serializable {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
