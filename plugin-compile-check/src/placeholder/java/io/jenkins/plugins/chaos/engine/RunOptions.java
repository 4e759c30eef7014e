// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

public final class RunOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    public static RunOptions defaults() {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withReportDir(String dir) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withDryRun(boolean dryRun) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withEnvironment(String environment) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withAllowedNamespaces(List<String> namespaces) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withMaxFaultDuration(Duration max) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withSecrets(SecretRedactor secrets) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunOptions withRunId(String runId) {
        throw new UnsupportedOperationException("placeholder");
    }
}
