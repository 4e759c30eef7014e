// Signature stub of org.jenkinsci.remoting.RoleSensitive from org.jenkins-ci.main:remoting:3301.v4363ddcca_4e7; declarations only, never shipped.
package org.jenkinsci.remoting;

public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
