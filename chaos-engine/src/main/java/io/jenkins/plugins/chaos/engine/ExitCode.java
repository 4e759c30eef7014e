package io.jenkins.plugins.chaos.engine;

import io.jenkins.plugins.chaos.verdict.Verdict;

/** The CLI's exit codes, fixed by the design brief; scripts and the plugin rely on them. */
public final class ExitCode {
    public static final int PASSED = 0;
    public static final int CRITICAL = 1;
    public static final int INVALID_INPUT = 2;
    public static final int WARNINGS = 3;
    public static final int INFRASTRUCTURE = 4;

    private ExitCode() {
    }

    public static int of(Verdict verdict) {
        return verdict.exitCode();
    }
}
