// Signature stub of hudson.model.Item from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

public interface Item extends ModelObject {
    String getName();

    String getFullName();

    String getFullDisplayName();
}
