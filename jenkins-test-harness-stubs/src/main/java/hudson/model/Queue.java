// Signature stub of hudson.model.Queue from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package hudson.model;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException();
    }

    /** The real interface also extends SubTask and FullyNamedModelObject. */
    public interface Task extends ModelObject {
    }

    /** The real interface also extends WithConsoleUrl. */
    public interface Executable extends Runnable {
    }
}
