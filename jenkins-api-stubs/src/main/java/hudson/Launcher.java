// Signature stub of hudson.Launcher from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

public abstract class Launcher {
    // the real class has no no-arg constructor
    protected Launcher(TaskListener listener, VirtualChannel channel) {
        throw new UnsupportedOperationException();
    }

    protected Launcher(Launcher launcher) {
        throw new UnsupportedOperationException();
    }
}
