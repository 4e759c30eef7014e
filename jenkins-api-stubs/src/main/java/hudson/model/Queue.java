// Signature stub of hudson.model.Queue from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
// (only its nested Task and Executable interfaces; its one constructor takes a LoadBalancer, which the plugin never calls, so the
// stub declares a private one that no code can call either, and Task's SubTask super-interface is left out)
package hudson.model;

public class Queue {
    private Queue() {
        throw new UnsupportedOperationException();
    }

    public interface Task extends ModelObject {
    }

    /** The real interface also extends WithConsoleUrl. */
    public interface Executable extends Runnable {
    }
}
