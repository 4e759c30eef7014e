// Signature stub of hudson.security.Permission from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.security;

public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException();
    }
}
