// Signature stub of hudson.triggers.TimerTrigger from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package hudson.triggers;

import hudson.model.Cause;

public class TimerTrigger {
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
