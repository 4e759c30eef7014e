// Signature stub of hudson.slaves.OfflineCause from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.slaves;

public abstract class OfflineCause {
}
