// Signature stub of hudson.security.ACL from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final String SYSTEM_USERNAME = "SYSTEM";

    public static final Authentication SYSTEM2 = null;
}
