// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

public record LoadResult(Experiment experiment, List<ValidationError> errors) implements Serializable {
    public boolean ok() {
        return errors.isEmpty();
    }
}
