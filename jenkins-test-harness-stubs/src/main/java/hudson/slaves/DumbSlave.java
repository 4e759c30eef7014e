// Signature stub of hudson.slaves.DumbSlave from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.slaves;

import hudson.model.Descriptor;
import hudson.model.Slave;
import java.io.IOException;

public final class DumbSlave extends Slave {
    public DumbSlave(String name, String remoteFS, ComputerLauncher launcher) throws Descriptor.FormException, IOException {
        super(name, remoteFS, launcher);
        throw new UnsupportedOperationException();
    }
}
