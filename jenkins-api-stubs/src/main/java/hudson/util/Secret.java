// Signature stub of hudson.util.Secret from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {
        throw new UnsupportedOperationException();
    }

    public String getPlainText() {
        throw new UnsupportedOperationException();
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException();
    }

    public static String toString(Secret s) {
        throw new UnsupportedOperationException();
    }
}
