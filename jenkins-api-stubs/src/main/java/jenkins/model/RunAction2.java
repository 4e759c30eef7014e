// Signature stub of jenkins.model.RunAction2 from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
