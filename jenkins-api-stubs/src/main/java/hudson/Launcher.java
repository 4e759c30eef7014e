// Signature stub of hudson.Launcher from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson;

public abstract class Launcher {
}
