// Signature stub of org.springframework.security.core.Authentication from org.springframework.security:spring-security-core (the version jenkins-core 2.504.3 pins); declarations only, never shipped.
package org.springframework.security.core;

import java.io.Serializable;
import java.security.Principal;

public interface Authentication extends Principal, Serializable {
    Object getCredentials();

    Object getDetails();

    Object getPrincipal();

    boolean isAuthenticated();

    void setAuthenticated(boolean isAuthenticated) throws IllegalArgumentException;
}
