// Signature stub of hudson.model.Result from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

import java.io.Serializable;

public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Result SUCCESS = null;
    public static final Result UNSTABLE = null;
    public static final Result FAILURE = null;
    public static final Result NOT_BUILT = null;
    public static final Result ABORTED = null;

    public final int ordinal;

    private Result() {
        ordinal = 0;
        throw new UnsupportedOperationException();
    }

    public static Result combine(Result r1, Result r2) {
        throw new UnsupportedOperationException();
    }

    public boolean isWorseThan(Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isWorseOrEqualTo(Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isBetterThan(Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isBetterOrEqualTo(Result that) {
        throw new UnsupportedOperationException();
    }
}
