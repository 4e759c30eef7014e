// Signature stub of hudson.model.queue.QueueTaskFuture from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.model.queue;

import hudson.model.Queue.Executable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

public interface QueueTaskFuture<R extends Executable> extends Future<R> {
    Future<R> getStartCondition();

    R waitForStart() throws InterruptedException, ExecutionException;
}
