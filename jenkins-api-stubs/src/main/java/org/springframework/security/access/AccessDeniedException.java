// Signature stub of org.springframework.security.access.AccessDeniedException from org.springframework.security:spring-security-core (the version jenkins-core 2.504.3 pins); declarations only, never shipped.
package org.springframework.security.access;

public class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String msg) {
        throw new UnsupportedOperationException();
    }

    public AccessDeniedException(String msg, Throwable cause) {
        throw new UnsupportedOperationException();
    }
}
