// Signature stub of hudson.security.AccessControlled from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }
}
