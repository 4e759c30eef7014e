// Signature stub of hudson.model.Slave from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.model;

import hudson.slaves.ComputerLauncher;
import java.io.IOException;

public abstract class Slave extends Node {
    protected Slave(String name, String remoteFS, ComputerLauncher launcher) throws Descriptor.FormException, IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getNodeName() {
        throw new UnsupportedOperationException();
    }

    public String getRemoteFS() {
        throw new UnsupportedOperationException();
    }
}
