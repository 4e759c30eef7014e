// Signature stub of hudson.model.Computer from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.model;

import hudson.remoting.VirtualChannel;
import hudson.slaves.OfflineCause;
import java.util.concurrent.Future;

public abstract class Computer extends Actionable {
    protected Computer(Node node) {
        throw new UnsupportedOperationException();
    }

    public abstract VirtualChannel getChannel();

    public Future<?> disconnect(OfflineCause cause) {
        throw new UnsupportedOperationException();
    }

    public boolean isOffline() {
        throw new UnsupportedOperationException();
    }

    public boolean isOnline() {
        throw new UnsupportedOperationException();
    }
}
