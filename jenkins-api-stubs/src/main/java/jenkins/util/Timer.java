// Signature stub of jenkins.util.Timer from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException();
    }

    public static synchronized void shutdown() {
        throw new UnsupportedOperationException();
    }
}
