// Signature stub of hudson.security.AccessControlled from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.security;

import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException();
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException();
    }
}
