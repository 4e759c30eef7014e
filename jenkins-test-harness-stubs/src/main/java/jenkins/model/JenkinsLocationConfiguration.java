// Signature stub of jenkins.model.JenkinsLocationConfiguration from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped; only what the JenkinsRule tests use.
package jenkins.model;

public class JenkinsLocationConfiguration extends GlobalConfiguration {
    public static JenkinsLocationConfiguration get() {
        throw new UnsupportedOperationException();
    }

    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    public void setUrl(String jenkinsUrl) {
        throw new UnsupportedOperationException();
    }
}
