// Signature stub of hudson.model.Item from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

public interface Item extends ModelObject, AccessControlled {
    Permission CONFIGURE = null;

    Permission EXTENDED_READ = null;

    String getName();

    String getFullName();

    String getFullDisplayName();
}
