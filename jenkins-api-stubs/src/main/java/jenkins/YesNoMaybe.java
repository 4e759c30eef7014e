// Signature stub of jenkins.YesNoMaybe from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
