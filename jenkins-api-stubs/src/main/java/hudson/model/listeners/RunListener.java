// Signature stub of hudson.model.listeners.RunListener from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model.listeners;

import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;

@SuppressWarnings("rawtypes")
public abstract class RunListener<R extends Run> implements ExtensionPoint {
    public final Class<R> targetType;

    protected RunListener(Class<R> targetType) {
        throw new UnsupportedOperationException();
    }

    protected RunListener() {
        throw new UnsupportedOperationException();
    }

    public void onCompleted(R r, TaskListener listener) {
        throw new UnsupportedOperationException();
    }

    public void onFinalized(R r) {
        throw new UnsupportedOperationException();
    }

    public void onInitialize(R r) {
        throw new UnsupportedOperationException();
    }

    public void onStarted(R r, TaskListener listener) {
        throw new UnsupportedOperationException();
    }

    public void onDeleted(R r) {
        throw new UnsupportedOperationException();
    }
}
