package io.jenkins.plugins.chaos.verdict;

/**
 * Outcome of one check. Declared from least to most severe, so that {@link #worst} is an ordinal comparison.
 * A breach (CRITICAL) outranks a check that could not run (ERROR): when both happen the breach is what the
 * on-call engineer must see first.
 */
public enum Verdict {
    PASSED(0),
    WARNING(3),
    ERROR(4),
    CRITICAL(1);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The CLI exit code of a run whose worst check ended with this verdict (see the design brief). */
    public int exitCode() {
        return exitCode;
    }

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public boolean isAtLeast(Verdict other) {
        return ordinal() >= other.ordinal();
    }
}
