// Signature stub of hudson.AbortException from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
        throw new UnsupportedOperationException();
    }

    public AbortException(String message) {
        throw new UnsupportedOperationException();
    }
}
