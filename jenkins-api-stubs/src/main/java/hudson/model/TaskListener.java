// Signature stub of hudson.model.TaskListener from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
