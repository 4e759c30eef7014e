// Signature stub of hudson.model.AsyncPeriodicWork from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

import java.io.IOException;

public abstract class AsyncPeriodicWork extends PeriodicWork {
    protected AsyncPeriodicWork(String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public final void doRun() {
        throw new UnsupportedOperationException();
    }

    protected abstract void execute(TaskListener listener) throws IOException, InterruptedException;
}
