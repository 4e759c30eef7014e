// Signature stub of org.jenkinsci.plugins.plaincredentials.StringCredentials from org.jenkins-ci.plugins:plain-credentials:199.v9f8e1f741799; declarations only, never shipped.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
