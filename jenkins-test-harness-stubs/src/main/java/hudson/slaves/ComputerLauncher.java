// Signature stub of hudson.slaves.ComputerLauncher from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class ComputerLauncher extends AbstractDescribableImpl<ComputerLauncher> implements ExtensionPoint {
}
