// Signature stub of hudson.model.queue.Tasks from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {
    public static Authentication getAuthenticationOf2(Queue.Task t) {
        throw new UnsupportedOperationException();
    }
}
