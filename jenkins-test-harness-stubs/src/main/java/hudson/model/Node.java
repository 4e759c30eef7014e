// Signature stub of hudson.model.Node from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.model;

public abstract class Node {
    public abstract String getNodeName();

    public final Computer toComputer() {
        throw new UnsupportedOperationException();
    }
}
