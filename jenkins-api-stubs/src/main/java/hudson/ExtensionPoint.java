// Signature stub of hudson.ExtensionPoint from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson;

public interface ExtensionPoint {
}
