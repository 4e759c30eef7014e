// Signature stub of hudson.triggers.SafeTimerTask from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.triggers;

import java.util.TimerTask;

public abstract class SafeTimerTask extends TimerTask {
    @Override
    public final void run() {
        throw new UnsupportedOperationException();
    }

    protected abstract void doRun() throws Exception;
}
