package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;

/**
 * Alerts and metrics after a run: whatever goes wrong there (a credential the system cannot find, a Slack outage,
 * a state file that cannot be written) is a warning in the console, never the step's failure, so that the verdict,
 * the JUnit results and the build page stay.
 */
final class GuardedOutputs {
    @FunctionalInterface
    interface Outputs {
        void publish() throws Exception;
    }

    private GuardedOutputs() {
    }

    static void publish(RunListener console, SecretRedactor secrets, Outputs outputs) {
        try {
            outputs.publish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.warn("alerts and metrics: interrupted; the verdict stands");
        } catch (Exception | LinkageError e) {
            console.warn("alerts and metrics not published: " + MaskedFailure.message(e, secrets) + "; the verdict stands");
        }
    }
}
