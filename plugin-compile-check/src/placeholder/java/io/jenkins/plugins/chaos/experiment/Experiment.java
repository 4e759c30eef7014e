// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

public class Experiment implements Serializable {
    private static final long serialVersionUID = 1L;

    public String getName() {
        throw new UnsupportedOperationException("placeholder");
    }

    public String getEnvironment() {
        throw new UnsupportedOperationException("placeholder");
    }

    public List<FaultSpec> getFaults() {
        throw new UnsupportedOperationException("placeholder");
    }
}
