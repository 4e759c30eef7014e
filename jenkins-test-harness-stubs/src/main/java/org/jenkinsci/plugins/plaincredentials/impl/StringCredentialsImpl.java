// Signature stub of org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl from org.jenkins-ci.plugins:plain-credentials; declarations only, never shipped.
// The real class extends BaseStandardCredentials.
package org.jenkinsci.plugins.plaincredentials.impl;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.model.Descriptor;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

public final class StringCredentialsImpl implements StringCredentials {
    private static final long serialVersionUID = 1L;

    public StringCredentialsImpl(CredentialsScope scope, String id, String description, Secret secret) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Secret getSecret() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getId() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDescription() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Descriptor<Credentials> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
