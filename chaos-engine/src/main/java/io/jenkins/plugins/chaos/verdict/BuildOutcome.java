package io.jenkins.plugins.chaos.verdict;

import java.io.Serializable;

/**
 * What a chaos step does to the build, decided from the run's verdict and {@code failOn}. Kept free of Jenkins
 * types so that the rule is tested on every build, not only where the Jenkins repository is reachable.
 *
 * @param effect  what happens to the build
 * @param message one line for the console, the WarningAction and the AbortException
 */
public record BuildOutcome(Effect effect, String message) implements Serializable {

    public enum Effect { NONE, UNSTABLE, FAILURE }

    /**
     * CRITICAL (a breach) and ERROR (a check that could not run, never a pass) fail the build unless
     * {@code failOn: 'never'}; WARNING makes it unstable, or fails it with {@code failOn: 'warning'};
     * {@code never} still marks anything but PASSED unstable, so that a breach is never silently green.
     */
    public static BuildOutcome decide(Verdict verdict, FailOn failOn, String experiment, long critical,
                                      long errors, long warnings) {
        String message = "Chaos experiment '" + experiment + "': " + VerdictWords.counts(verdict, critical, errors, warnings);
        if (verdict == Verdict.PASSED) {
            return new BuildOutcome(Effect.NONE, message);
        }
        boolean fails = switch (failOn) {
            case CRITICAL -> verdict.isAtLeast(Verdict.ERROR);
            case WARNING -> true;
            case NEVER -> false;
        };
        return new BuildOutcome(fails ? Effect.FAILURE : Effect.UNSTABLE, message);
    }
}
