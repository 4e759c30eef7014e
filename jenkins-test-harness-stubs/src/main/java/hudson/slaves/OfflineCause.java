// Signature stub of hudson.slaves.OfflineCause from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
// The real class also implements jenkins.model.IOfflineCause; it declares no constructor (javac's public one).
package hudson.slaves;

public abstract class OfflineCause {
}
