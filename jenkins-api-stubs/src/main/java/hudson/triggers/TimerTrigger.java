// Signature stub of hudson.triggers.TimerTrigger from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.triggers;

import hudson.model.Cause;

public class TimerTrigger {
    // the real class has no no-arg constructor
    public TimerTrigger(String spec) {
        throw new UnsupportedOperationException();
    }

    public static class TimerTriggerCause extends Cause {
        public TimerTriggerCause() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException();
        }
    }
}
