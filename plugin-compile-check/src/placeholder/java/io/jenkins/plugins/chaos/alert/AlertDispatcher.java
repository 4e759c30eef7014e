// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.engine.RunListener;
import io.jenkins.plugins.chaos.verdict.RunResult;

public final class AlertDispatcher {
    public AlertDispatcher(AlertSettings settings, RunListener listener) {
        throw new UnsupportedOperationException("placeholder");
    }

    public AlertOutcome dispatch(RunResult result) {
        throw new UnsupportedOperationException("placeholder");
    }
}
