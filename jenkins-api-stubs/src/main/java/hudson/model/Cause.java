// Signature stub of hudson.model.Cause from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();
}
